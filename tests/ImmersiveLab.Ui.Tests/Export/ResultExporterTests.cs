using System.Text.Json;
using ImmersiveLab.Ui.Results.Export;
using Pgvector;
using static ImmersiveLab.Ui.Tests.Support.StatementResults;

namespace ImmersiveLab.Ui.Tests.Export;

public sealed class ResultExporterTests
{
    private readonly ResultExporter _exporter = new();

    private static StatementResult Sample() => Of("SELECT …",
        [Col("id", "integer"), Col("info", "text"), Col("embedding", "vector"), Col("doc", "jsonb"), Col("img", "bytea")],
        [1, "plain", new Vector(new float[] { 1, 0.5f }), "{\"a\": [1, 2]}", new byte[] { 0xDE, 0xAD }],
        [2, "has, comma and \"quotes\"", null, null, null],
        [3, "line1\nline2 | pipe", null, "not json", null],
        [4, "", null, null, null],
        [5, " padded ", null, null, null]);

    [Fact]
    public void Csv_quotes_what_needs_it_and_keeps_empty_apart_from_null()
    {
        var lines = _exporter.ToCsv(Sample()).Split("\r\n");
        Assert.Equal("id,info,embedding,doc,img", lines[0]);
        Assert.Equal("1,plain,\"[1,0.5]\",\"{\"\"a\"\": [1, 2]}\",\\xdead", lines[1]);
        Assert.Equal("2,\"has, comma and \"\"quotes\"\"\",,,", lines[2]);
        Assert.Equal("3,\"line1\nline2 | pipe\",,not json,", lines[3]);
        Assert.Equal("4,\"\",,,", lines[4]);
        Assert.Equal("5,\" padded \",,,", lines[5]);
        Assert.Equal("", lines[6]);
    }

    [Fact]
    public void Json_is_typed_and_embeds_json_columns()
    {
        using var doc = JsonDocument.Parse(_exporter.ToJson(Sample()));
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal(JsonValueKind.Number, rows[0].GetProperty("id").ValueKind);
        Assert.Equal([1.0, 0.5], rows[0].GetProperty("embedding").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(2, rows[0].GetProperty("doc").GetProperty("a")[1].GetInt32());
        Assert.Equal("\\xdead", rows[0].GetProperty("img").GetString());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("embedding").ValueKind);
        Assert.Equal("not json", rows[2].GetProperty("doc").GetString());
        Assert.Equal("", rows[3].GetProperty("info").GetString());
    }

    [Fact]
    public void Json_keeps_duplicate_column_names_apart()
    {
        var r = Of("SELECT 1, 2", [Col("?column?", "integer"), Col("?column?", "integer")], [1, 2]);
        using var doc = JsonDocument.Parse(_exporter.ToJson(r));
        Assert.Equal(1, doc.RootElement[0].GetProperty("?column?").GetInt32());
        Assert.Equal(2, doc.RootElement[0].GetProperty("?column?_2").GetInt32());
    }

    [Fact]
    public void Markdown_escapes_pipes_and_newlines_aligns_numbers_and_shows_null()
    {
        var lines = _exporter.ToMarkdown(Sample()).Split('\n');
        Assert.Equal("| id | info | embedding | doc | img |", lines[0]);
        Assert.Equal("| ---: | --- | --- | --- | --- |", lines[1]);
        Assert.Equal("| 1 | plain | [1,0.5] | {\"a\": [1, 2]} | \\\\xdead (2 bytes) |", lines[2]);
        Assert.Equal("| 3 | line1<br>line2 \\| pipe | NULL | not json | NULL |", lines[4]);
    }

    [Fact]
    public void Markdown_cuts_long_cells()
    {
        var r = Of("SELECT", [Col("t", "text")], [new string('x', 500)]);
        var row = _exporter.ToMarkdown(r).Split('\n')[2];
        Assert.Equal($"| {new string('x', ResultExporter.MarkdownCellLimit)}… |", row);
    }
}
