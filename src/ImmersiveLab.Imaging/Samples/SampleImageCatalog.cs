namespace ImmersiveLab.Imaging;

/// <summary>Reads sample-images/catalog.tsv and the files it lists.</summary>
public static class SampleImageCatalog
{
    public const string CatalogFileName = "catalog.tsv";

    public static readonly string[] Columns =
        ["category", "file", "width", "height", "format", "source_package", "version", "original_path", "licence", "author"];

    /// <summary>Every listed image with its bytes; throws <see cref="InvalidDataException"/> naming the bad line or missing file.</summary>
    public static IReadOnlyList<SampleImage> Load(string sampleImagesDir)
    {
        var catalogPath = Path.Combine(sampleImagesDir, CatalogFileName);
        if (!File.Exists(catalogPath)) throw new FileNotFoundException($"No {CatalogFileName} in {sampleImagesDir}.", catalogPath);
        var lines = File.ReadAllLines(catalogPath);
        if (lines.Length == 0 || lines[0] != string.Join('\t', Columns))
            throw new InvalidDataException($"{catalogPath}: the header must be: {string.Join(" TAB ", Columns)}.");
        var images = new List<SampleImage>();
        for (var n = 1; n < lines.Length; n++)
        {
            if (string.IsNullOrWhiteSpace(lines[n])) continue;
            var c = lines[n].Split('\t');
            if (c.Length != Columns.Length)
                throw new InvalidDataException($"{catalogPath}:{n + 1}: expected {Columns.Length} tab-separated columns, found {c.Length}.");
            var file = Path.Combine(sampleImagesDir, c[0], c[1]);
            if (!File.Exists(file)) throw new InvalidDataException($"{catalogPath}:{n + 1}: {c[0]}/{c[1]} does not exist.");
            images.Add(new SampleImage(c[0], c[1], int.Parse(c[2]), int.Parse(c[3]), Enum.Parse<ImageFormat>(c[4], ignoreCase: true),
                c[5], c[6], c[7], c[8], c[9], File.ReadAllBytes(file)));
        }
        return images;
    }

    /// <summary>The catalog line for an image, in <see cref="Columns"/> order (tabs and newlines in values become spaces).</summary>
    public static string FormatLine(SampleImage image) => string.Join('\t',
        new[] { image.Category, image.FileName, image.Width.ToString(), image.Height.ToString(), image.Format.ToString().ToLowerInvariant(),
                image.SourcePackage, image.PackageVersion, image.OriginalPath, image.Licence, image.Author }
        .Select(v => v.Replace('\t', ' ').Replace('\n', ' ')));
}
