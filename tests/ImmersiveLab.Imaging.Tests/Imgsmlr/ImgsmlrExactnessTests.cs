namespace ImmersiveLab.Imaging.Tests.Imgsmlr;

/// <summary>Bit-exact agreement with the real extension from decoded pixels onward.</summary>
public class ImgsmlrExactnessTests
{
    public static TheoryData<string> Images => ImgsmlrReference.ImageNames();

    // JPEG decoder builds may differ (SIMD paths), so JPEG originals are held to the tolerance test only.
    public static TheoryData<string> PngAndGifImages => new(ImgsmlrReference.Images.Select(i => Path.GetFileName(i.GetProperty("file").GetString()!)).Where(f => !f.EndsWith(".jpg", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Images))]
    public void Pattern_from_reference_thumbnail_is_bit_exact(string image)
    {
        var analysis = ImgsmlrPipeline.FromThumbnail(ImgsmlrReference.Thumbnail(image));

        Assert.Equal(ImgsmlrReference.Bits(ImgsmlrReference.Pattern(image).Values), ImgsmlrReference.Bits(analysis.Pattern.Values));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Signature_from_reference_pattern_is_bit_exact(string image)
    {
        var signature = ImgsmlrSignature.FromPattern(ImgsmlrReference.Pattern(image));

        Assert.Equal(ImgsmlrReference.SignatureBits(image), ImgsmlrReference.Bits(signature.Values));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Shuffled_pattern_is_bit_exact(string image)
    {
        var shuffled = PatternShuffler.Shuffle(ImgsmlrReference.Pattern(image));

        Assert.Equal(ImgsmlrReference.Bits(ImgsmlrReference.Shuffled(image).Values), ImgsmlrReference.Bits(shuffled.Values));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Text_output_equals_the_extension(string image)
    {
        var pattern = ImgsmlrReference.Pattern(image);
        var reference = ImgsmlrReference.Image(image);

        Assert.Equal(ImgsmlrReference.PatternText(image), ImgsmlrText.Format(pattern));
        Assert.Equal(ImgsmlrReference.ShuffledText(image), ImgsmlrText.Format(ImgsmlrReference.Shuffled(image)));
        Assert.Equal(reference.GetProperty("signature_text").GetString(), ImgsmlrText.Format(ImgsmlrSignature.FromPattern(pattern)));
        Assert.Equal(reference.GetProperty("signature_of_shuffled_text").GetString(), ImgsmlrText.Format(ImgsmlrSignature.FromPattern(ImgsmlrReference.Shuffled(image))));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Resample_of_decoded_pixels_equals_reference_thumbnail(string image)
    {
        var reference = ImgsmlrReference.Image(image);
        // JPEG and GIF inputs come with libgd's own decoded pixels; PNG inputs are decoded by us exactly.
        var decodedPng = reference.GetProperty("decoded_png_file").GetString();
        var bytes = decodedPng is null ? ImgsmlrReference.OriginalBytes(image) : File.ReadAllBytes(ImgsmlrReference.PathOf(decodedPng));

        var decoded = LibGdDecoder.Decode(bytes);
        Assert.Equal(reference.GetProperty("width").GetInt32(), decoded.Image.Width);
        Assert.Equal(reference.GetProperty("height").GetInt32(), decoded.Image.Height);
        var thumbnail = GdResampler.ResampleOntoBlack(decoded.Image);

        Assert.Equal(ImgsmlrReference.Thumbnail(image).Rgba7, thumbnail.Rgba7);
    }

    [Fact]
    public void Pairwise_distances_are_bit_exact()
    {
        var count = 0;
        foreach (var pair in ImgsmlrReference.Distances)
        {
            var a = pair.GetProperty("a").GetString()!;
            var b = pair.GetProperty("b").GetString()!;
            var (pa, pb) = (ImgsmlrReference.Pattern(a), ImgsmlrReference.Pattern(b));
            var pattern = ImgsmlrDistance.Pattern(pa, pb);
            var signature = ImgsmlrDistance.Signature(ImgsmlrSignature.FromPattern(pa), ImgsmlrSignature.FromPattern(pb));
            var shuffled = ImgsmlrDistance.Pattern(ImgsmlrReference.Shuffled(a), ImgsmlrReference.Shuffled(b));

            Assert.True(ImgsmlrReference.BigEndianBits(pair.GetProperty("pattern_f32be_hex").GetString()!) == BitConverter.SingleToUInt32Bits(pattern), $"pattern {a} <-> {b}: {pattern}");
            Assert.True(ImgsmlrReference.BigEndianBits(pair.GetProperty("signature_f32be_hex").GetString()!) == BitConverter.SingleToUInt32Bits(signature), $"signature {a} <-> {b}: {signature}");
            Assert.True(ImgsmlrReference.BigEndianBits(pair.GetProperty("shuffled_pattern_f32be_hex").GetString()!) == BitConverter.SingleToUInt32Bits(shuffled), $"shuffled {a} <-> {b}: {shuffled}");
            count++;
        }
        Assert.Equal(55, count);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Original_file_signature_is_close_to_the_extension(string image)
    {
        var analysis = ImgsmlrPipeline.Analyse(ImgsmlrReference.OriginalBytes(image));
        var reference = new ImgsmlrSignature(ImgsmlrReference.SignatureBits(image).Select(BitConverter.UInt32BitsToSingle).ToArray());

        var distance = ImgsmlrDistance.Signature(analysis.Signature, reference);

        if (image == "18_solid.png")
        {
            Assert.True(float.IsNaN(distance));
            return;
        }
        var tolerance = analysis.Format == ImageFormat.Jpeg ? 0.03f : 1e-3f;
        Assert.True(distance <= tolerance, $"{image}: signature distance {distance} > {tolerance}");
        Assert.Equal(ImgsmlrReference.Image(image).GetProperty("sql_function").GetString(), analysis.ImgsmlrFunction);
    }

    [Theory]
    [MemberData(nameof(PngAndGifImages))]
    public void Png_and_gif_originals_give_the_extension_pattern_bit_for_bit(string image)
    {
        var analysis = ImgsmlrPipeline.Analyse(ImgsmlrReference.OriginalBytes(image));

        Assert.Equal(ImgsmlrReference.Thumbnail(image).Rgba7, analysis.Thumbnail.Rgba7);
        Assert.Equal(ImgsmlrReference.Bits(ImgsmlrReference.Pattern(image).Values), ImgsmlrReference.Bits(analysis.Pattern.Values));
    }

    [Fact]
    public void Uniform_image_gives_an_all_NaN_pattern_signature_and_distances()
    {
        var analysis = ImgsmlrPipeline.Analyse(ImgsmlrReference.OriginalBytes("18_solid.png"));
        var other = ImgsmlrReference.Pattern("01_gradient_gray.png");

        Assert.All(analysis.NormalisedGrey, v => Assert.True(float.IsNaN(v)));
        Assert.All(analysis.Pattern.Values, v => Assert.True(float.IsNaN(v)));
        Assert.All(analysis.Signature.Values, v => Assert.True(float.IsNaN(v)));
        Assert.True(float.IsNaN(ImgsmlrDistance.Pattern(analysis.Pattern, other)));
        Assert.True(float.IsNaN(ImgsmlrDistance.Signature(analysis.Signature, ImgsmlrSignature.FromPattern(other))));
        Assert.StartsWith("((NaN, NaN, ", ImgsmlrText.Format(analysis.Pattern));
    }
}
