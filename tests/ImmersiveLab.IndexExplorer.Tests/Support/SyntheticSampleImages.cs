using System.Runtime.CompilerServices;
using ImmersiveLab.Database.Template;

namespace ImmersiveLab.IndexExplorer.Tests.Support;

/// <summary>A few stand-in sample rows with 1280-dimension embeddings in three categories (no photos needed).</summary>
public sealed class SyntheticSampleImages : ISampleImageSource
{
    public const int Count = 24;
    public static readonly string[] Categories = ["flowers", "fruit", "sky"];

    public static float[] Embedding(int id)
    {
        var random = new Random(id);
        return Enumerable.Range(0, 1280).Select(_ => (float)(random.NextDouble() * 6)).ToArray();
    }

    public Task<string> GetVersionAsync(CancellationToken ct) => Task.FromResult("synthetic-explorer-1");

    public async IAsyncEnumerable<SampleImageRow> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await Task.CompletedTask;
        for (var id = 1; id <= Count; id++)
            yield return new SampleImageRow(id, Categories[id % Categories.Length], $"s{id}.jpg", "CC0", null, null, 1, 1, "jpeg",
                [0xFF, 0xD8], new float[4096], new float[16], new float[4096], Embedding(id));
    }
}
