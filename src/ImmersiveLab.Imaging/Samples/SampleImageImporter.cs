using System.Text;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace ImmersiveLab.Imaging;

/// <summary>
/// Builds the repository's sample-images/ from the picked originals (../shared/sample-images): upright copies
/// with the longest side at most 1024 px (JPEG at quality 85, PNG kept as PNG), each under 1 MB, plus
/// catalog.tsv and LICENSES.md with per-file provenance. Used by scripts/import-sample-images.sh.
/// </summary>
public static partial class SampleImageImporter
{
    public const int MaxSide = 1024;
    public const int JpegQuality = 85;
    public const long MaxFileBytes = 1_000_000;

    private sealed record SourceEntry(string Category, string Package, string Version, string OriginalPath, string LicenceStatement, string PickedFile);

    public static IReadOnlyList<SampleImage> Import(string sourceDir, string targetDir)
    {
        var entries = ReadSourceCatalog(Path.Combine(sourceDir, "catalog.tsv"));
        var images = new List<SampleImage>();
        foreach (var entry in entries)
        {
            var fileName = Path.GetFileName(entry.PickedFile);
            var bytes = File.ReadAllBytes(Path.Combine(sourceDir, entry.Category, fileName));
            var format = ImageSniffer.Sniff(bytes) ?? throw new InvalidDataException($"{entry.PickedFile} is not an image.");
            var (encoded, width, height) = Shrink(bytes, format);
            Directory.CreateDirectory(Path.Combine(targetDir, entry.Category));
            File.WriteAllBytes(Path.Combine(targetDir, entry.Category, fileName), encoded);
            images.Add(new SampleImage(entry.Category, fileName, width, height, format, entry.Package, entry.Version, entry.OriginalPath,
                ShortLicence(entry.LicenceStatement), Holder(entry), encoded));
        }
        File.WriteAllLines(Path.Combine(targetDir, SampleImageCatalog.CatalogFileName),
            [string.Join('\t', SampleImageCatalog.Columns), .. images.Select(SampleImageCatalog.FormatLine)]);
        File.WriteAllText(Path.Combine(targetDir, "LICENSES.md"), LicensesMarkdown(images, entries));
        return images;
    }

    private static (byte[] Bytes, int Width, int Height) Shrink(byte[] original, ImageFormat format)
    {
        using var upright = UprightDecoder.DecodeKeepingAlpha(original);
        var side = Math.Min(MaxSide, Math.Max(upright.Width, upright.Height));
        while (true)
        {
            var scale = (double)side / Math.Max(upright.Width, upright.Height);
            var width = Math.Max(1, (int)Math.Round(upright.Width * scale));
            var height = Math.Max(1, (int)Math.Round(upright.Height * scale));
            using var resized = width == upright.Width ? upright.Copy()
                : upright.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
            using var data = format == ImageFormat.Png
                ? resized.Encode(SKEncodedImageFormat.Png, 100)
                : resized.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
            if (data.Size < MaxFileBytes) return (data.ToArray(), width, height);
            side = (int)(side * 0.85); // a detailed photo kept as PNG can exceed 1 MB at 1024 px
        }
    }

    private static List<SourceEntry> ReadSourceCatalog(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split('\t');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"{path}: no column '{name}'.");
        var (category, package, version, original, licence, picked) =
            (Col("category"), Col("package"), Col("version"), Col("path-in-package"), Col("licence"), Col("picked-file"));
        return lines.Skip(1).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Split('\t'))
            .Select(c => new SourceEntry(c[category], c[package], c[version], c[original], c[licence], c[picked])).ToList();
    }

    /// <summary>The licence name alone: "GPL-2+ (mate-backgrounds …)" → "GPL-2+".</summary>
    private static string ShortLicence(string statement)
    {
        var cut = statement.IndexOfAny(['(', ',']);
        var head = (cut > 0 ? statement[..cut] : statement).Trim();
        var by = head.IndexOf(" by ", StringComparison.Ordinal);
        return by > 0 ? head[..by] : head;
    }

    /// <summary>The copyright holder or author as the catalog's licence statement names them.</summary>
    private static string? Author(string statement)
    {
        if (CopyrightLine().Match(statement) is { Success: true } copyright)
            return Years().Replace(copyright.Groups[1].Value, "").Trim(' ', ',');
        if (FlickrUser().Match(statement) is { Success: true } flickr) return flickr.Value;
        if (AuthorName().Match(statement) is { Success: true } author) return author.Groups[1].Value.Trim();
        return null;
    }

    /// <summary>
    /// The copyright holders of the <c>Files: *</c> stanza of the package's debian/copyright, for images whose catalog
    /// statement names no author (upstream sample images and wallpapers without per-file credits). Read from the
    /// packages of the versions in the catalog.
    /// </summary>
    private static readonly Dictionary<string, string> PackageCopyrightHolders = new(StringComparer.Ordinal)
    {
        ["opencv-doc"] = "Intel Corporation, Willow Garage Inc., NVIDIA Corporation, Advanced Micro Devices Inc., OpenCV Foundation, "
            + "Itseez Inc., Xperience AI, Shenzhen Institute of Artificial Intelligence and Robotics for Society, and the OpenCV contributors",
        ["lxqt-themes"] = "Razor team, LXQt team",
        ["imagemagick-6-doc"] = "ImageMagick Studio LLC, John Cristy, E. I. du Pont de Nemours and Company",
        ["budgie-backgrounds"] = "Budgie Desktop Developers",
        ["tuxpaint-stamps-default"] = "Bill Kendrick",
    };

    private static string Holder(SourceEntry entry) =>
        Author(entry.LicenceStatement)
        ?? (PackageCopyrightHolders.TryGetValue(entry.Package, out var holders) ? holders : "not named (see the package's debian/copyright)");

    [GeneratedRegex(@"debian/copyright: ([^)]*)\)")]
    private static partial Regex CopyrightLine();

    [GeneratedRegex(@"\b(19|20)\d\d\b,?\s*")]
    private static partial Regex Years();

    [GeneratedRegex(@"flickr user \S+")]
    private static partial Regex FlickrUser();

    [GeneratedRegex(@"(?:\bauthor|\bphoto by|\bCC0 by) ([^;()]+?)(?: per | \(|;|\)|$)")]
    private static partial Regex AuthorName();

    private static string LicensesMarkdown(List<SampleImage> images, List<SourceEntry> entries)
    {
        var md = new StringBuilder();
        md.AppendLine("# Sample image licences").AppendLine();
        md.AppendLine("The photos in this folder are reduced copies (longest side ≤ 1024 px, JPEG quality 85 or PNG) of openly");
        md.AppendLine("licensed images shipped in Debian packages (bookworm; trixie for budgie-backgrounds, tuxpaint-data and");
        md.AppendLine("tuxpaint-stamps-default). Each is distributed under the licence of its source package, stated below as");
        md.AppendLine("the package's `debian/copyright` (and, where named, the upstream file) gives it. `catalog.tsv` lists the");
        md.AppendLine("same data in machine-readable form. Regenerate with `scripts/import-sample-images.sh`.").AppendLine();
        foreach (var group in images.Zip(entries).GroupBy(p => p.First.Category))
        {
            md.AppendLine($"## {group.Key}").AppendLine();
            foreach (var (image, entry) in group)
            {
                md.AppendLine($"### {image.RelativePath}");
                md.AppendLine($"- Source package: `{image.SourcePackage}` {image.PackageVersion}");
                md.AppendLine($"- Original path: `{image.OriginalPath}`");
                md.AppendLine($"- Licence: {entry.LicenceStatement}");
                md.AppendLine($"- Copyright holder / author: {image.Author}").AppendLine();
            }
        }
        return md.ToString();
    }
}
