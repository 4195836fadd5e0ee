using System.CommandLine;
using ImmersiveLab.Imaging;

namespace ImmersiveLab.Cli.Commands;

/// <summary><c>imlab signature FILE… [--json]</c>: imgsmlr's 16-number signature (pattern2signature).</summary>
internal static class SignatureCommand
{
    public static Command Create() => ImageFileCommand.Create("signature",
        "Print the imgsmlr signature of images (the extension's text format, or 16 numbers with --json)",
        ImageFileReport.Parts.Signature,
        (_, analysis, _, _) => ImgsmlrText.Format(analysis.Signature));
}
