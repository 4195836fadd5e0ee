using System.Text.Json;
using ImmersiveLab.Imaging;
using ImmersiveLab.TestSupport;

namespace ImmersiveLab.Cli.Tests.Imaging;

[Collection(nameof(CliCollection))]
public sealed class ImportCommandTests(CliFixture fx)
{
    private static readonly string[] Samples = ["flowers/dahlia.jpg", "animals/robin.jpg", "buildings/palace-towers.jpg"];

    private async Task<JsonElement> QueryAsync(string learner, string sql)
    {
        var (code, output, error) = await fx.RunAsync("sql", "--learner", learner, "--json", sql);
        Assert.True(code == 0, error + output);
        return JsonDocument.Parse(output).RootElement.GetProperty("statements").EnumerateArray().Last().GetProperty("rows");
    }

    [Fact]
    public async Task A_folder_is_copied_into_img_raw_and_img_vec_and_bad_files_are_skipped_whole()
    {
        using var dir = new TempDirectory();
        foreach (var s in Samples)
        {
            Directory.CreateDirectory(Path.Combine(dir.Path, Path.GetDirectoryName(s)!));
            File.Copy(Path.Combine(RepoPaths.SampleImages, s), Path.Combine(dir.Path, s));
        }
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "page.jpg"), "<!DOCTYPE html><html></html>");
        await File.WriteAllBytesAsync(Path.Combine(dir.Path, "empty.png"), []);
        await File.WriteAllBytesAsync(Path.Combine(dir.Path, "cut.jpg"), (await File.ReadAllBytesAsync(Path.Combine(dir.Path, Samples[0])))[..30]);
        using (var white = new SkiaSharp.SKBitmap(32, 32))
        {
            white.Erase(SkiaSharp.SKColors.White);
            await File.WriteAllBytesAsync(Path.Combine(dir.Path, "white.png"), white.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100).ToArray());
        }
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "README.txt"), "not an image file name: ignored");
        var learner = $"imp-{Guid.NewGuid():N}"[..16];

        var (code, output, error) = await fx.RunAsync("import", dir.Path, "--learner", learner);

        Assert.Equal(1, code); // some files were skipped
        Assert.Contains("Imported 3 image(s)", output);
        foreach (var bad in new[] { "page.jpg", "empty.png", "cut.jpg", "white.png" }) Assert.Contains($"skipped {bad}", error);
        Assert.DoesNotContain("README", error);
        Assert.Contains("[##############################] 7/7", error);

        var rows = await QueryAsync(learner, """
            SELECT r.info, octet_length(r.raw), vector_dims(v.pattern), v.signature::text, v.sig IS NOT NULL,
                   round(vector_norm(v.embedding)::numeric, 3), (SELECT tableowner = current_user FROM pg_tables WHERE tablename = 'img_vec')
            FROM img_raw r JOIN img_vec v USING (id) ORDER BY r.info
            """);
        Assert.Equal(Samples.Order(StringComparer.Ordinal), rows.EnumerateArray().Select(r => r[0].GetString()));
        foreach (var row in rows.EnumerateArray())
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.SampleImages, row[0].GetString()!));
            Assert.Equal(bytes.Length, row[1].GetInt32());
            Assert.Equal(4096, row[2].GetInt32());
            var stored = row[3].GetString()!.Trim('[', ']').Split(',').Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(ImgsmlrPipeline.Analyse(bytes).Signature.Values, stored);
            Assert.True(row[4].GetBoolean());
            Assert.Equal("1.000", row[5].ToString());
            Assert.True(row[6].GetBoolean()); // the learner owns the tables
        }

        // A second import continues the ids.
        var (again, againOutput, _) = await fx.RunAsync("import", Path.Combine(dir.Path, "flowers"), "--learner", learner);
        Assert.Equal(0, again);
        Assert.Contains("ids 4–4", againOutput);
    }

    [Fact]
    public async Task When_the_database_refuses_the_rows_nothing_is_written()
    {
        using var dir = new TempDirectory();
        File.Copy(Path.Combine(RepoPaths.SampleImages, Samples[0]), Path.Combine(dir.Path, "a.jpg"));
        File.Copy(Path.Combine(RepoPaths.SampleImages, Samples[1]), Path.Combine(dir.Path, "b.jpg"));
        var learner = $"imp-{Guid.NewGuid():N}"[..16];
        // A learner's own img_raw whose info is an integer: the COPY of the text info fails.
        await QueryAsync(learner, "CREATE TABLE img_raw (id int PRIMARY KEY, info int, ts timestamp, raw bytea); SELECT 1");

        var (code, _, error) = await fx.RunAsync("import", dir.Path, "--learner", learner);

        Assert.Equal(2, code);
        Assert.Contains("Nothing was imported", error);
        var counts = await QueryAsync(learner, "SELECT (SELECT count(*) FROM img_raw), to_regclass('img_vec') IS NULL");
        Assert.Equal(0, counts[0][0].GetInt64());
        Assert.True(counts[0][1].GetBoolean()); // even the img_vec it created was rolled back
    }
}
