namespace ImmersiveLab.Database.Health;

/// <summary>Whether the lab's database answers, since when, and the last error when it does not.</summary>
public sealed record DatabaseHealth(bool IsUp, DateTime SinceUtc, string? Error, DateTime? ServerStartedUtc);
