namespace ImmersiveLab.Imaging;

public enum ModelProblem
{
    NotInstalled,
    ChecksumMismatch,
    Unreadable,
    FetchFailed,
}

/// <summary>The embedding model cannot be used; the message says why and what to do.</summary>
public sealed class ModelUnavailableException(ModelProblem problem, string message, Exception? inner = null) : Exception(message, inner)
{
    public ModelProblem Problem { get; } = problem;
}
