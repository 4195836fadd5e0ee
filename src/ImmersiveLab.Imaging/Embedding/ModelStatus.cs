namespace ImmersiveLab.Imaging;

/// <summary>Whether the model can be used; <see cref="Message"/> is shown to people as is.</summary>
public sealed record ModelStatus(bool IsAvailable, string? Path, ModelProblem? Problem, string Message);
