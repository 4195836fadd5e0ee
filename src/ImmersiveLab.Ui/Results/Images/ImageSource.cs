namespace ImmersiveLab.Ui.Results.Images;

/// <summary>Where the bytes behind an image link come from.</summary>
public abstract record ImageSource
{
    private ImageSource() { }

    /// <summary>bytea bytes already in the result (held by reference, not copied).</summary>
    public sealed record Bytes(byte[] Data) : ImageSource;

    /// <summary>A large object in the learner's sandbox, read through <see cref="ILearnerBlobReader"/> when requested.</summary>
    public sealed record LargeObject(uint Oid) : ImageSource;

    /// <summary>Bytes this entry keeps alive, for the cache's memory bound.</summary>
    internal long Weight => this is Bytes b ? b.Data.Length + 128 : 128;
}
