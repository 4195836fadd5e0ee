namespace ImmersiveLab.ImageSearch;

/// <summary>A search could not be done (sandbox unavailable, sample not found…); the message is meant for the learner.</summary>
public sealed class ImageSearchException(string message, Exception? inner = null) : Exception(message, inner);
