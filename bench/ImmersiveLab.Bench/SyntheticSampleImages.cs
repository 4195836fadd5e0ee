using ImmersiveLab.Database.Template;

namespace ImmersiveLab.Bench;

/// <summary>
/// Stands in for the real sample images (not in the repository yet): rows of the same shape and about the same
/// size (a ~60 KB photo, a 4096-d pattern, a 16-d signature, a 1280-d embedding), so the template is as big as
/// the lab's. BENCH_SAMPLES sets the count (default 300).
/// </summary>
public sealed class SyntheticSampleImages : ISampleImageSource
{
    public static int Count { get; } = int.TryParse(Environment.GetEnvironmentVariable("BENCH_SAMPLES"), out var n) ? n : 300;

    public Task<string> GetVersionAsync(CancellationToken ct) => Task.FromResult("synthetic-" + Count);

    public async IAsyncEnumerable<SampleImageRow> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var random = new Random(42);
        for (var i = 1; i <= Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var bytes = new byte[60_000];
            random.NextBytes(bytes);
            yield return new SampleImageRow(i, i % 2 == 0 ? "cats" : "boats", $"img{i}.jpg", "CC0", null, null, 640, 480, "jpeg", bytes,
                Floats(random, 4096), Floats(random, 16), Floats(random, 4096), Floats(random, 1280));
        }
        await Task.CompletedTask;
    }

    private static float[] Floats(Random random, int n) => Enumerable.Range(0, n).Select(_ => random.NextSingle()).ToArray();
}
