using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using ImmersiveLab.ImageSearch.Rendering;
using ImmersiveLab.Imaging;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Bench.ResultMemory;

/// <summary>
/// One child process of <see cref="ResultMemoryBench"/>: prepares a 6300×6300 PNG upload as /search does, N at once,
/// one way, and prints its peak RSS (VmHWM) and the managed bytes allocated. The ways:
/// "twice" — before the fix: imgsmlr's decode, then the embedding's own full decode, then the step picture drawn from
/// the full-size decode, and the full decode kept with the query;
/// "once" — the fix: one decode with the file's alpha, the embedding reading those pixels, a preview kept;
/// "once-gated" — the same through a DecodeGate of 2 slots (the app's default on this machine);
/// "refused" — what the app does now with the default upload limit (24 MP): refused from the header.
/// </summary>
public static class DecodeMemoryProbe
{
    public const string ChildFlag = "--child";

    public static async Task<int> RunChildAsync(string[] args)
    {
        var way = args[Array.IndexOf(args, "--way") + 1];
        var parallel = int.Parse(args[Array.IndexOf(args, "--parallel") + 1], CultureInfo.InvariantCulture);
        var png = GradientPng(6300, 6300);
        using var embedder = new ImageEmbedder(new ModelStore(new ModelOptions(), () => new HttpClient()));
        await embedder.EmbedAsync(Small(), CancellationToken.None); // load the model before measuring
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        using var gate = new DecodeGate(Options.Create(new ImageValidationOptions { MaxConcurrentDecodes = 2, DecodeQueueTimeout = TimeSpan.FromMinutes(10) }), TimeProvider.System);
        var kept = await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(() => PrepareAsync(way, png, embedder, gate))));
        clock.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        GC.KeepAlive(kept);
        Console.WriteLine($"peak RSS {PeakRssMb(),5:0} MB   allocated {allocated / 1048576.0,6:0} MB   kept {kept.Sum(k => k.Length) / 1048576.0,6:0.0} MB   {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    /// <summary>Returns what the query keeps of the picture (the bytes a learner's page holds while it shows the steps).</summary>
    private static async Task<byte[]> PrepareAsync(string way, byte[] png, ImageEmbedder embedder, DecodeGate gate)
    {
        var validator = new ImageValidator();
        switch (way)
        {
            case "twice":
            {
                var header = validator.Validate(png);
                var analysis = ImgsmlrPipeline.Analyse(png);
                await embedder.EmbedAsync(png, CancellationToken.None);
                StepImageRenderer.Decoded(analysis.Decoded, 320);
                _ = header;
                return analysis.Decoded.Rgba7;
            }
            case "once" or "once-gated":
            {
                var header = validator.Validate(png);
                using var slot = way == "once-gated" ? await gate.EnterAsync(CancellationToken.None) : null;
                var decoded = LibGdDecoder.Decode(png, keepAlpha: true);
                var analysis = ImgsmlrPipeline.Analyse(decoded.Image, decoded.Format, decoded.Notes);
                await embedder.EmbedDecodedAsync(decoded, png, header, CancellationToken.None);
                var preview = DecodedPreview.Shrink(analysis.Decoded, 320);
                StepImageRenderer.Decoded(preview, 320);
                return preview.Rgba7;
            }
            default:
                try
                {
                    validator.ValidateUpload(png);
                    throw new InvalidOperationException("accepted");
                }
                catch (ImageRejectedException)
                {
                    return [];
                }
        }
    }

    private static double PeakRssMb()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static byte[] Small()
    {
        using var bitmap = new SkiaSharp.SKBitmap(64, 64);
        bitmap.Erase(SkiaSharp.SKColors.Teal);
        return bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100).ToArray();
    }

    /// <summary>The review's kind of file: a few hundred kilobytes that decode to 160 MB (every row the same, PNG "Up" filter).</summary>
    internal static byte[] GradientPng(int width, int height)
    {
        var row = new byte[1 + 3 * width];
        for (var x = 0; x < width; x++) (row[1 + 3 * x], row[2 + 3 * x], row[3 + 3 * x]) = ((byte)(x % 256), (byte)(255 - x % 256), 128);
        var up = new byte[row.Length];
        up[0] = 2;
        using var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
            for (var y = 0; y < height; y++) zlib.Write(y == 0 ? row : up);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", idat.ToArray()), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typeBytes.CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32([.. typeBytes, .. data]));
        return chunk;
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
