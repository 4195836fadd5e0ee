using System.CommandLine;
using System.Globalization;
using ImmersiveLab.Imaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Cli.Commands;

/// <summary>
/// <c>imlab evaluate [DIR] [--framing F] [--mirror B] [--compare]</c>: how well the embedding (and the imgsmlr signature)
/// find pictures of the same kind, measured leave-one-out over a folder of labelled pictures (one subfolder per
/// category; default: the repository's sample-images). Prints P@1 and P@5 per category. No database is needed.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var directory = new Argument<DirectoryInfo?>("dir") { Description = "Folder with one subfolder of pictures per category (default: sample-images)", Arity = ArgumentArity.ZeroOrOne };
        var framing = new Option<EmbeddingFraming?>("--framing") { Description = "letterbox or centrecrop (default: the configured one)" };
        var mirror = new Option<bool?>("--mirror") { Description = "Average the embedding with the mirror image's (default: the configured choice)" };
        var compare = new Option<bool>("--compare") { Description = "Also evaluate the classic preprocessing (centre crop, no mirror) and every framing/mirror combination" };
        var command = new Command("evaluate", "Leave-one-out precision@1 and @5 of the embedding and the signature, per category") { directory, framing, mirror, compare };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var dir = parse.GetValue(directory)?.FullName ?? (RepositoryRoot.Find() is { } root ? Path.Combine(root, "sample-images") : null);
            if (dir is null || !Directory.Exists(dir))
            {
                await error.WriteLineAsync($"imlab: no such folder: {dir ?? "sample-images (not inside the repository: name a folder)"}");
                return 2;
            }
            var pictures = Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal)
                .SelectMany(d => Directory.EnumerateFiles(d).Where(f => ImageImportPipeline.ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                    .Order(StringComparer.Ordinal).Select(f => (Category: Path.GetFileName(d), File: f)))
                .ToList();
            await using var services = ImagingServices.Build(error);
            var validator = services.GetRequiredService<ImageValidator>();
            var labelled = new List<(string Category, byte[] Bytes, float[] Signature)>();
            foreach (var (category, file) in pictures)
            {
                try
                {
                    var bytes = await File.ReadAllBytesAsync(file, ct);
                    validator.Validate(bytes);
                    labelled.Add((category, bytes, ImgsmlrPipeline.Analyse(bytes).Signature.Values));
                }
                catch (Exception e) when (e is ImageRejectedException or IOException)
                {
                    await error.WriteLineAsync($"imlab: skipped {file}: {e.Message}");
                }
            }
            if (labelled.Select(l => l.Category).Distinct().Count() < 2)
            {
                await error.WriteLineAsync($"imlab: {dir} needs at least two subfolders (categories) of pictures.");
                return 2;
            }
            var categories = labelled.Select(l => l.Category).ToList();

            var configured = services.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
            var chosen = new EmbeddingPreprocessing(parse.GetValue(framing) ?? configured.Framing, parse.GetValue(mirror) ?? configured.AverageMirror);
            var variants = parse.GetValue(compare)
                ? new[] { EmbeddingPreprocessing.Classic, chosen }.Concat(
                    from f in Enum.GetValues<EmbeddingFraming>() from m in new[] { false, true } select new EmbeddingPreprocessing(f, m)).Distinct().ToList()
                : [chosen];

            var columns = new List<(string Name, IReadOnlyList<CategoryPrecision> Rows)>
            {
                ("signature <->", RetrievalEvaluation.LeaveOneOut(categories, labelled.Select(l => l.Signature).ToList(), RetrievalEvaluation.L2Distance)),
            };
            var store = services.GetRequiredService<ModelStore>();
            foreach (var variant in variants)
            {
                using var embedder = new ImageEmbedder(store, validator, Options.Create(new EmbeddingOptions
                {
                    IntraOpThreads = configured.IntraOpThreads, MaxBatchSize = configured.MaxBatchSize,
                    Framing = variant.Framing, AverageMirror = variant.AverageMirror,
                }), NullLogger<ImageEmbedder>.Instance);
                try
                {
                    var vectors = await embedder.EmbedBatchAsync(labelled.Select(l => l.Bytes).ToList(), ct);
                    columns.Add(($"embedding {variant.Id}", RetrievalEvaluation.LeaveOneOut(categories, vectors.Select(v => v.Vector).ToList(), RetrievalEvaluation.CosineDistance)));
                }
                catch (ModelUnavailableException e)
                {
                    await error.WriteLineAsync("imlab: " + e.Message);
                    break;
                }
            }

            await output.WriteLineAsync($"Leave-one-out over {labelled.Count} pictures in {categories.Distinct().Count()} categories ({dir}).");
            await output.WriteLineAsync("P@1: the nearest other picture has the same category; P@5: share of the 5 nearest others that do.");
            await output.WriteLineAsync();
            var width = Math.Max(12, categories.Max(c => c.Length) + 1);
            await output.WriteLineAsync("".PadRight(width) + "        " + string.Join("  ", columns.Select(c => c.Name.PadLeft(Math.Max(c.Name.Length, 11)))));
            await output.WriteLineAsync("category".PadRight(width) + "images  " + string.Join("  ", columns.Select(c => "P@1   P@5".PadLeft(Math.Max(c.Name.Length, 11)))));
            var rows = columns[0].Rows;
            for (var r = 0; r < rows.Count; r++)
            {
                var cells = columns.Select(c => $"{F(c.Rows[r].PrecisionAt1)}  {F(c.Rows[r].PrecisionAt5)}".PadLeft(Math.Max(c.Name.Length, 11)));
                await output.WriteLineAsync(rows[r].Category.PadRight(width) + rows[r].Queries.ToString(CultureInfo.InvariantCulture).PadLeft(6) + "  " + string.Join("  ", cells));
            }
            var chance = categories.GroupBy(c => c).Sum(g => (double)g.Count() * (g.Count() - 1) / (labelled.Count - 1)) / labelled.Count;
            await output.WriteLineAsync();
            await output.WriteLineAsync($"chance: {F(chance)} (the share of same-category pictures among the others)");
            return 0;
        });
        return command;
    }

    private static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
}
