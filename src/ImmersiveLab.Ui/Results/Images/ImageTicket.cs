namespace ImmersiveLab.Ui.Results.Images;

/// <summary>What an image link token stands for: whose it is, where the bytes are, and until when it is valid.</summary>
public sealed record ImageTicket(string Token, Guid LearnerId, ImageSource Source, DateTimeOffset ExpiresAt);
