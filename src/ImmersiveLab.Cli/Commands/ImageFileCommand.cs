using System.CommandLine;
using ImmersiveLab.Imaging;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Cli.Commands;

/// <summary>
/// The shared body of <c>imlab pattern|signature|embed FILE… [--json]</c>: each file is validated (the app's limits),
/// decoded with libgd's rules and converted; a refused file is reported and the others still run (exit code 1).
/// No database is needed.
/// </summary>
internal static class ImageFileCommand
{
    public delegate string TextFormatter(string file, ImgsmlrAnalysis analysis, ImageEmbedding? embedding, string? embeddingUnavailable);

    public static Command Create(string name, string description, ImageFileReport.Parts parts, TextFormatter text)
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Image files (JPEG, PNG, GIF, WebP, BMP)", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "One JSON object per file: file, width, height and the numbers" };
        var command = new Command(name, description) { files, json };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            await using var services = ImagingServices.Build(error);
            var validator = services.GetRequiredService<ImageValidator>();
            var embedder = services.GetRequiredService<ImageEmbedder>();
            var asJson = parse.GetValue(json);
            var list = parse.GetValue(files)!;
            var failed = 0;
            foreach (var file in list)
            {
                try
                {
                    if (!file.Exists) throw new FileNotFoundException($"No such file: {file.FullName}");
                    var bytes = await File.ReadAllBytesAsync(file.FullName, ct);
                    validator.Validate(bytes);
                    var analysis = ImgsmlrPipeline.Analyse(bytes);
                    ImageEmbedding? embedding = null;
                    string? unavailable = null;
                    if (parts.HasFlag(ImageFileReport.Parts.Embedding))
                    {
                        try
                        {
                            embedding = await embedder.EmbedAsync(bytes, ct);
                        }
                        catch (ModelUnavailableException e)
                        {
                            unavailable = e.Message;
                            if (!asJson) throw new CliException(e.Message);
                        }
                    }
                    if (asJson) await output.WriteLineAsync(ImageFileReport.Json(file.ToString(), analysis, embedding, unavailable, parts));
                    else
                    {
                        if (list.Length > 1) await output.WriteLineAsync($"# {file}");
                        await output.WriteLineAsync(text(file.ToString(), analysis, embedding, unavailable));
                    }
                }
                catch (Exception e) when (e is ImageRejectedException or IOException or UnauthorizedAccessException or CliException)
                {
                    failed++;
                    await error.WriteLineAsync($"imlab: {file}: {e.Message}");
                    if (asJson) await output.WriteLineAsync(ImageFileReport.JsonError(file.ToString(), e.Message));
                }
            }
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
