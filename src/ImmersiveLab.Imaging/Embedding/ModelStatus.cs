namespace ImmersiveLab.Imaging;

/// <summary>Where the model file in use came from (shown by /health and <c>imlab model status</c>).</summary>
public enum ModelSource
{
    /// <summary>The copy committed in the repository's models/ folder, used where it is.</summary>
    Repository,

    /// <summary>Downloaded from the manifest's source URL into the lab's model directory (<c>imlab model fetch</c>).</summary>
    Downloaded,

    /// <summary>Copied into the model directory from a configured fallback folder (e.g. ../shared/models).</summary>
    CopiedFromFolder,

    /// <summary>Found in the model directory without a record of how it got there (placed by hand).</summary>
    PlacedByHand,
}

/// <summary>Whether the model can be used; <see cref="Message"/> is shown to people as is.</summary>
/// <param name="Origin">The URL or folder it came from, when known.</param>
public sealed record ModelStatus(bool IsAvailable, string? Path, ModelProblem? Problem, string Message, ModelSource? Source = null, string? Origin = null);
