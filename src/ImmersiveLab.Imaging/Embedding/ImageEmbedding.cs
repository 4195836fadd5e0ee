namespace ImmersiveLab.Imaging;

/// <summary>A unit-length image embedding (pgvector <c>vector(1280)</c>, compare by cosine) and the model's best ImageNet guesses.</summary>
public sealed record ImageEmbedding(float[] Vector, IReadOnlyList<ImageNetGuess> TopClasses);

/// <summary>One ImageNet class with its softmax probability.</summary>
public sealed record ImageNetGuess(int ClassIndex, string Label, float Probability);
