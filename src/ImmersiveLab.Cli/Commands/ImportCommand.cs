using System.CommandLine;
using ImmersiveLab.Imaging;
using ImmersiveLab.Sandbox.Connections;
using ImmersiveLab.Sandbox.Imports;
using ImmersiveLab.Sandbox.Learners;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Cli.Commands;

/// <summary>
/// <c>imlab import DIR --learner NAME [--class CODE]</c>: loads a folder of images into the learner's <c>img_raw</c> and
/// <c>img_vec</c> (created if missing), with a progress bar on stderr: Imaging's <see cref="ImageImportPipeline"/>
/// converts the files and Sandbox's <see cref="ImageTableImport"/> writes them by binary COPY in one transaction.
/// Bad files are listed and skipped; exit 1 when any was skipped, 0 when all were imported.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(Hosting.LabHostFactory hosts)
    {
        var learner = new LearnerOptions();
        var directory = new Argument<DirectoryInfo>("dir") { Description = "Folder of images (searched recursively)" };
        var command = new Command("import", "Import a folder of images into a learner's img_raw/img_vec (pattern, signature, cube, embedding)") { directory };
        learner.AddTo(command);
        CommandRunner.SetAction(command, hosts, async (parse, host, output, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var who = (await learner.ResolveAsync(parse, host.Get<LearnerDirectory>(), create: true, ct))!;
            // The host's configuration (with any overrides) also configures the imaging services.
            await using var imaging = ImagingServices.Build(error, host.Get<IConfiguration>());
            // One inference thread and one decoding thread per call: the importer runs one call per core side by side.
            var configured = imaging.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
            using var embedder = new ImageEmbedder(imaging.GetRequiredService<ModelStore>(), imaging.GetRequiredService<ImageValidator>(),
                Options.Create(new EmbeddingOptions
                {
                    IntraOpThreads = 1, PreprocessThreads = 1, MaxBatchSize = configured.MaxBatchSize, TopClasses = configured.TopClasses,
                    Framing = configured.Framing, AverageMirror = configured.AverageMirror,
                }), imaging.GetRequiredService<ILogger<ImageEmbedder>>());
            var path = parse.GetValue(directory)!.FullName;
            IReadOnlyList<string> files;
            try
            {
                files = ImageImportPipeline.FindImages(path);
            }
            catch (ImageImportException e)
            {
                throw new CliException(e.Message);
            }
            var bar = new ProgressBar(error);
            ImagePipelineResult result;
            int imported, firstId;
            try
            {
                await using var tables = await ImageTableImport.BeginAsync(host.Get<SandboxConnections>(), who, ct);
                result = await new ImageImportPipeline(imaging.GetRequiredService<ImageValidator>(), embedder)
                    .RunAsync(path, files, new TableSink(tables), bar, ct);
                await tables.CommitAsync(ct);
                (imported, firstId) = (tables.Written, tables.FirstId);
            }
            catch (PostgresException e)
            {
                bar.Finish();
                throw new CliException($"Nothing was imported: {e.MessageText}{(e.Detail is { } d ? " (" + d + ")" : "")}");
            }
            catch (ImageTableException e)
            {
                bar.Finish();
                throw new CliException(e.Message);
            }
            bar.Finish();
            foreach (var (file, reason) in result.Skipped) await error.WriteLineAsync($"imlab: skipped {file}: {reason}");
            if (result.EmbeddingsMissing is { } missing) await error.WriteLineAsync($"imlab: embeddings left NULL: {missing}");
            await output.WriteLineAsync(imported == 0
                ? $"Imported nothing for {who.Name}; {result.Skipped.Count} file(s) skipped."
                : $"Imported {imported} image(s) for {who.Name} into img_raw/img_vec (ids {firstId}–{firstId + imported - 1}); " +
                  $"{result.Skipped.Count} file(s) skipped.");
            var t = result.Timings;
            if (imported > 0)
                await output.WriteLineAsync(FormattableString.Invariant(
                    $"{t.Total.TotalSeconds:0.0} s, {imported / t.Total.TotalSeconds:0.0} images/s ({Environment.ProcessorCount} workers converting: {t.Converting.TotalSeconds:0.0} s together, of which embeddings {t.Embedding.TotalSeconds:0.0} s; writing: {t.Writing.TotalSeconds:0.0} s)."));
            return result.Skipped.Count == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>Hands the pipeline's images to the learner's tables.</summary>
    private sealed class TableSink(ImageTableImport tables) : IImportedImageSink
    {
        public bool WantsEmbeddings => tables.WantsEmbeddings;

        public Task WriteAsync(IReadOnlyList<ImportedImage> chunk, CancellationToken ct) =>
            tables.CopyAsync(chunk.Select(i => new ImageRow(i.Info, i.Time, i.Bytes, i.Pattern, i.Signature, i.Embedding)).ToList(), ct);
    }

    /// <summary>A one-line bar redrawn in place on a terminal; plain lines every 10% otherwise (logs, tests).</summary>
    private sealed class ProgressBar(TextWriter writer) : IProgress<(int Done, int Total, string File)>
    {
        private readonly bool _interactive = ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;
        private int _lastTenth = -1;
        private bool _drawn;

        public void Report((int Done, int Total, string File) value)
        {
            const int width = 30;
            var filled = value.Total == 0 ? width : value.Done * width / value.Total;
            var line = $"[{new string('#', filled)}{new string('-', width - filled)}] {value.Done}/{value.Total} {value.File}";
            if (_interactive)
            {
                writer.Write("\r" + (line.Length > 100 ? line[..100] : line.PadRight(100)));
                _drawn = true;
                return;
            }
            var tenth = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
            if (tenth == _lastTenth) return;
            _lastTenth = tenth;
            writer.WriteLine(line);
        }

        public void Finish()
        {
            if (_drawn) writer.WriteLine();
        }
    }
}
