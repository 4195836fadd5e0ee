using System.CommandLine;

namespace ImmersiveLab.Cli.Commands;

/// <summary><c>imlab embed FILE… [--json]</c>: the MobileNetV2 embedding (1280 numbers, length 1) and top ImageNet labels.</summary>
internal static class EmbedCommand
{
    public static Command Create() => ImageFileCommand.Create("embed",
        "Print the MobileNetV2 embedding of images (pgvector's text format, or with --json also the top ImageNet labels)",
        ImageFileReport.Parts.Embedding,
        (_, _, embedding, _) => ImageFileReport.VectorText(embedding!.Vector));
}
