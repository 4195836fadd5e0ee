using ImmersiveLab.Imaging;
using ImmersiveLab.TestSupport;

namespace ImmersiveLab.Cli.Tests.Imaging;

/// <summary>imlab evaluate: leave-one-out precision per category over a folder of labelled pictures.</summary>
[Collection(nameof(CliCollection))]
public sealed class EvaluateCommandTests(CliFixture fx)
{
    [Fact]
    public async Task Prints_precision_per_category_for_signature_and_embedding_and_skips_bad_files()
    {
        using var dir = new TempDirectory();
        foreach (var (category, files) in new[] { ("flowers", new[] { "dahlia.jpg", "bluebells.jpg", "yellow-flower.jpg" }), ("vehicles", new[] { "fire-truck.png", "garbage-truck.png", "jumbo-jet.png" }) })
        {
            Directory.CreateDirectory(Path.Combine(dir.Path, category));
            foreach (var file in files) File.Copy(Path.Combine(RepoPaths.SampleImages, category, file), Path.Combine(dir.Path, category, file));
        }
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "flowers", "page.jpg"), "<html></html>");

        var (code, output, error) = await fx.RunAsync("evaluate", dir.Path, "--compare");

        Assert.True(code == 0, error);
        Assert.Contains("skipped", error);
        Assert.Contains("page.jpg", error);
        Assert.Contains("Leave-one-out over 6 pictures in 2 categories", output);
        Assert.Contains("signature <->", output);
        Assert.Contains($"embedding {EmbeddingPreprocessing.Default.Id}", output);
        Assert.Contains($"embedding {EmbeddingPreprocessing.Classic.Id}", output);
        var all = output.Split('\n').Single(l => l.StartsWith(RetrievalEvaluation.All, StringComparison.Ordinal));
        var numbers = all.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(2).Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(numbers, v => Assert.InRange(v, 0, 1));
        Assert.Equal(2 + 2 * 4, numbers.Count); // signature + 4 embedding variants, P@1 and P@5 each
        Assert.Contains("chance: 0.40", output); // 2 of the 5 others share the category
    }

    [Fact]
    public async Task A_folder_without_two_categories_is_refused()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "only"));
        File.Copy(Path.Combine(RepoPaths.SampleImages, "flowers", "dahlia.jpg"), Path.Combine(dir.Path, "only", "dahlia.jpg"));

        var (code, _, error) = await fx.RunAsync("evaluate", dir.Path);

        Assert.Equal(2, code);
        Assert.Contains("at least two subfolders", error);
    }
}
