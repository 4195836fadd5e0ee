namespace ImmersiveLab.Labs;

/// <summary>An image an author referenced in Markdown, with its URL as written (before rewriting).</summary>
public sealed record ImageReference(string Url, int Line);
