using System.Globalization;
using System.Text.Json;

namespace ImmersiveLab.Imaging.Tests.Imgsmlr;

/// <summary>The real extension's outputs in ../shared/reference/imgsmlr.</summary>
public static class ImgsmlrReference
{
    private static readonly Lazy<JsonDocument> Json = new(() => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TestPaths.ImgsmlrReference, "reference.json"))));

    public static IEnumerable<JsonElement> Images => Json.Value.RootElement.GetProperty("images").EnumerateArray();

    public static IEnumerable<JsonElement> Distances => Json.Value.RootElement.GetProperty("distances").EnumerateArray();

    public static TheoryData<string> ImageNames()
    {
        var data = new TheoryData<string>();
        foreach (var image in Images) data.Add(Path.GetFileName(image.GetProperty("file").GetString()!));
        return data;
    }

    public static JsonElement Image(string fileName) =>
        Images.Single(i => Path.GetFileName(i.GetProperty("file").GetString()) == fileName);

    public static string Stem(string fileName) => Path.GetFileNameWithoutExtension(fileName);

    public static string PathOf(string relative) => Path.Combine(TestPaths.ImgsmlrReference, relative);

    public static byte[] OriginalBytes(string fileName) => File.ReadAllBytes(PathOf(Path.Combine("images", fileName)));

    public static GdImage Thumbnail(string fileName) =>
        new(64, 64, File.ReadAllBytes(PathOf(Path.Combine("intermediate", Stem(fileName) + ".thumb64.rgba"))));

    public static ImgsmlrPattern Pattern(string fileName) =>
        ImgsmlrPattern.FromLittleEndianBytes(File.ReadAllBytes(PathOf(Path.Combine("patterns", Stem(fileName) + ".pattern.f32"))));

    public static ImgsmlrPattern Shuffled(string fileName) =>
        ImgsmlrPattern.FromLittleEndianBytes(File.ReadAllBytes(PathOf(Path.Combine("patterns", Stem(fileName) + ".shuffled.f32"))));

    public static string PatternText(string fileName) => File.ReadAllText(PathOf(Path.Combine("patterns", Stem(fileName) + ".pattern.txt"))).TrimEnd('\n');

    public static string ShuffledText(string fileName) => File.ReadAllText(PathOf(Path.Combine("patterns", Stem(fileName) + ".shuffled.txt"))).TrimEnd('\n');

    public static uint[] SignatureBits(string fileName)
    {
        var hex = Convert.FromHexString(Image(fileName).GetProperty("signature_f32le_hex").GetString()!);
        return Bits(Enumerable.Range(0, 16).Select(k => BitConverter.ToSingle(hex, k * 4)).ToArray());
    }

    public static uint BigEndianBits(string hex) => uint.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>
    /// The float bits, with every NaN made the same: a NaN's sign depends on operand order inside the CPU
    /// (the JIT may swap the operands of a commutative add) and is not observable through SQL, which prints NaN.
    /// </summary>
    public static uint[] Bits(float[] values) => values.Select(v => float.IsNaN(v) ? 0x7FC00000u : BitConverter.SingleToUInt32Bits(v)).ToArray();
}
