using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Text.Json;
using ImmersiveLab.Imaging;
using ImmersiveLab.TestSupport;

namespace ImmersiveLab.Cli.Tests.Imaging;

/// <summary>
/// imlab pattern|signature|embed and model fetch. In the CLI collection because model fetch changes Imaging__Model__*
/// environment variables for a moment, which every imaging command reads.
/// </summary>
[Collection(nameof(CliCollection))]
public sealed class ImageCommandTests(CliFixture fx)
{
    private static string Reference => Path.Combine(RepoPaths.Shared, "reference", "imgsmlr");

    private static IEnumerable<JsonElement> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement);

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(v => v.GetSingle()).ToArray();

    [Fact]
    public async Task Signature_json_matches_the_pipeline_bit_for_bit_and_the_extension_within_its_tolerance()
    {
        using var reference = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Reference, "reference.json")));
        var images = reference.RootElement.GetProperty("images").EnumerateArray().ToList();
        var files = images.Select(i => Path.Combine(Reference, i.GetProperty("file").GetString()!)).ToArray();

        var (code, output, error) = await fx.RunAsync(["signature", "--json", .. files]);

        Assert.True(code == 0, error);
        var lines = Lines(output).ToList();
        Assert.Equal(files.Length, lines.Count);
        for (var n = 0; n < files.Length; n++)
        {
            var line = lines[n];
            var analysis = ImgsmlrPipeline.Analyse(await File.ReadAllBytesAsync(files[n]));
            Assert.Equal(files[n], line.GetProperty("file").GetString());
            Assert.Equal(images[n].GetProperty("width").GetInt32(), line.GetProperty("width").GetInt32());
            Assert.Equal(images[n].GetProperty("height").GetInt32(), line.GetProperty("height").GetInt32());
            var signature = line.GetProperty("signature");
            Assert.Equal(16, signature.GetArrayLength());
            if (analysis.Signature.Values.Any(float.IsNaN))
            {
                Assert.Equal("NaN", signature[15].GetString()); // a uniform image: NaN as the extension computes it
                continue;
            }
            var values = Floats(signature);
            Assert.Equal(analysis.Signature.Values, values);
            var hex = Convert.FromHexString(images[n].GetProperty("signature_f32le_hex").GetString()!);
            var extension = Enumerable.Range(0, 16).Select(k => BinaryPrimitives.ReadSingleLittleEndian(hex.AsSpan(k * 4))).ToArray();
            var tolerance = files[n].EndsWith(".jpg", StringComparison.Ordinal) ? 0.03 : 1e-3;
            var distance = TensorPrimitives.Distance(values, extension); // the extension's signature <-> signature
            Assert.True(distance <= tolerance, $"{files[n]}: distance {distance} to the extension's signature");
        }
    }

    [Fact]
    public async Task Pattern_json_has_4096_numbers_in_the_extensions_order_and_text_mode_its_text_format()
    {
        var file = Path.Combine(Reference, "images", "06_wizard.png");
        var analysis = ImgsmlrPipeline.Analyse(await File.ReadAllBytesAsync(file));
        // What the extension computes for this PNG (a PNG decodes the same everywhere: bit for bit).
        var extension = ImgsmlrPattern.FromLittleEndianBytes(await File.ReadAllBytesAsync(Path.Combine(Reference, "patterns", "06_wizard.pattern.f32")));

        var (code, output, _) = await fx.RunAsync("pattern", "--json", file);
        Assert.Equal(0, code);
        var pattern = Floats(Lines(output).Single().GetProperty("pattern"));
        Assert.Equal(analysis.Pattern.Values, pattern);
        Assert.Equal(extension.Values, pattern);

        var (textCode, text, _) = await fx.RunAsync("pattern", file);
        Assert.Equal(0, textCode);
        Assert.Equal(ImgsmlrText.Format(analysis.Pattern), text.TrimEnd());
        var (sigCode, sigText, _) = await fx.RunAsync("signature", file);
        Assert.Equal(0, sigCode);
        Assert.Equal(ImgsmlrText.Format(analysis.Signature), sigText.TrimEnd());
    }

    [Fact]
    public async Task Embed_json_has_a_unit_vector_of_1280_and_five_labels()
    {
        var file = Path.Combine(RepoPaths.SampleImages, "flowers", "dahlia.jpg");
        var (code, output, error) = await fx.RunAsync("embed", "--json", file);
        Assert.True(code == 0, error);
        var line = Lines(output).Single();
        var embedding = Floats(line.GetProperty("embedding"));
        Assert.Equal(1280, embedding.Length);
        Assert.InRange(Math.Sqrt(embedding.Sum(v => (double)v * v)), 0.999, 1.001);
        Assert.Equal(5, line.GetProperty("top_classes").GetArrayLength());
    }

    [Fact]
    public async Task A_bad_file_is_reported_and_the_others_still_printed()
    {
        using var dir = new TempDirectory();
        var fake = Path.Combine(dir.Path, "fake.jpg");
        await File.WriteAllTextAsync(fake, "<html><body>not a picture</body></html>");
        var good = Path.Combine(Reference, "images", "02_gradient_rgb.png");

        var (code, output, error) = await fx.RunAsync("signature", "--json", fake, good);

        Assert.Equal(1, code);
        var lines = Lines(output).ToList();
        Assert.Contains("HTML", lines[0].GetProperty("error").GetString());
        Assert.Equal(16, lines[1].GetProperty("signature").GetArrayLength());
        Assert.Contains("fake.jpg", error);
    }

    [Fact]
    public async Task Model_fetch_installs_a_verified_copy_or_says_why_it_cannot()
    {
        using var target = new TempDirectory();
        var blocker = Path.Combine(target.Path, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var vars = new Dictionary<string, string?>
        {
            // Under a file: the model cannot be installed there.
            ["Imaging__Model__ModelDirectory"] = Path.Combine(blocker, "models"),
            ["Imaging__Model__AllowDownload"] = "false",
        };
        try
        {
            foreach (var (k, v) in vars) Environment.SetEnvironmentVariable(k, v);
            var (failCode, failOutput, failError) = await fx.RunAsync("model", "fetch", "--quiet");
            Assert.Equal(4, failCode);
            Assert.Contains("could not install the model", failError);
            Assert.Equal("", failOutput);

            // The configured fallback folder (../shared/models) holds a verified copy.
            Environment.SetEnvironmentVariable("Imaging__Model__ModelDirectory", target.Path);
            var (code, output, error) = await fx.RunAsync("model", "fetch");
            Assert.True(code == 0, error);
            Assert.Contains("ready", output);
            Assert.Single(Directory.GetFiles(target.Path, "*.onnx"));

            var (quietCode, quietOutput, _) = await fx.RunAsync("model", "fetch", "--quiet");
            Assert.Equal(0, quietCode);
            Assert.Equal("", quietOutput);
        }
        finally
        {
            foreach (var k in vars.Keys) Environment.SetEnvironmentVariable(k, null);
        }
    }
}
