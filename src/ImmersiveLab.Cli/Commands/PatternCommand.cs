using System.CommandLine;
using ImmersiveLab.Imaging;

namespace ImmersiveLab.Cli.Commands;

/// <summary><c>imlab pattern FILE… [--json]</c>: imgsmlr's 64×64 Haar pattern (jpeg2pattern/png2pattern/gif2pattern).</summary>
internal static class PatternCommand
{
    public static Command Create() => ImageFileCommand.Create("pattern",
        "Print the imgsmlr pattern of images (the extension's text format, or 4096 numbers in its order with --json)",
        ImageFileReport.Parts.Pattern | ImageFileReport.Parts.Signature,
        (_, analysis, _, _) => ImgsmlrText.Format(analysis.Pattern));
}
