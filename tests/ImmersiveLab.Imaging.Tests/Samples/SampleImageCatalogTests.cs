using SkiaSharp;

namespace ImmersiveLab.Imaging.Tests.Samples;

public class SampleImageCatalogTests
{
    private static readonly IReadOnlyList<SampleImage> Images = SampleImageCatalog.Load(TestPaths.SampleImages);

    [Fact]
    public void Catalog_lists_fifty_images_five_in_each_of_ten_categories()
    {
        Assert.Equal(50, Images.Count);
        Assert.Equal(10, Images.Select(i => i.Category).Distinct().Count());
        Assert.All(Images.GroupBy(i => i.Category), g => Assert.Equal(5, g.Count()));
        Assert.Equal(50, Images.Select(i => i.RelativePath).Distinct().Count());
    }

    [Fact]
    public void Every_file_is_small_decodable_and_matches_its_catalog_entry()
    {
        var validator = new ImageValidator();
        Assert.All(Images, image =>
        {
            Assert.True(image.Bytes.Length < 1_000_000, $"{image.RelativePath} is {image.Bytes.Length} bytes");
            var header = validator.Validate(image.Bytes);
            Assert.Equal((image.Width, image.Height, image.Format), (header.Width, header.Height, header.Format));
            Assert.True(Math.Max(image.Width, image.Height) <= 1024, image.RelativePath);
            Assert.False(string.IsNullOrWhiteSpace(image.Licence));
            Assert.StartsWith("/usr/share/", image.OriginalPath.Replace("/usr/lib/", "/usr/share/"));
        });
    }

    [Fact]
    public void Licenses_file_credits_every_image()
    {
        var licenses = File.ReadAllText(Path.Combine(TestPaths.SampleImages, "LICENSES.md"));

        Assert.All(Images, image =>
        {
            Assert.Contains($"### {image.RelativePath}", licenses);
            Assert.Contains(image.OriginalPath, licenses);
            Assert.Contains($"- Copyright holder / author: {image.Author}", licenses);
            Assert.DoesNotContain("not named", image.Author);
        });
    }

    [Fact]
    public void Transparent_cutouts_stay_png_with_alpha()
    {
        var cherries = Images.Single(i => i.FileName == "cherries.png");

        Assert.Equal(ImageFormat.Png, cherries.Format);
        Assert.Equal(PngColorType.Rgba, PngHeader.TryRead(cherries.Bytes)!.ColorType);
        using var bitmap = SKBitmap.Decode(cherries.Bytes);
        Assert.Equal(0, bitmap.GetPixel(0, 0).Alpha);
    }

    [Fact]
    public void A_malformed_catalog_is_refused_with_the_line_number()
    {
        var dir = Directory.CreateTempSubdirectory("imlab-catalog-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(dir, SampleImageCatalog.CatalogFileName), [string.Join('\t', SampleImageCatalog.Columns), "animals\tcat.png\t1"]);

            var error = Assert.Throws<InvalidDataException>(() => SampleImageCatalog.Load(dir));

            Assert.Contains(":2:", error.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
