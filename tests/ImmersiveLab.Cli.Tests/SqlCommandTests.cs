using System.Text.Json;

namespace ImmersiveLab.Cli.Tests;

[Collection(nameof(CliCollection))]
public sealed class SqlCommandTests(CliFixture fixture)
{
    private static string NewName() => "cli-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Json_output_has_one_object_per_statement_with_columns_rows_tag_notices_and_error()
    {
        var learner = NewName();
        var (code, output, error) = await fixture.RunAsync("sql", "--learner", learner, "--json", """
            CREATE TABLE t (id int, v vector(2), b bytea);
            INSERT INTO t VALUES (1, '[1,2]', '\xff00');
            DO $$ BEGIN RAISE NOTICE 'hi'; END $$;
            SELECT id, v, b, 'x' AS s FROM t;
            SELECT nope;
            SELECT 'never runs';
            """);
        Assert.Equal(1, code); // a statement failed
        Assert.DoesNotContain("Exception", error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(learner, root.GetProperty("learner").GetString());
        var statements = root.GetProperty("statements").EnumerateArray().ToList();
        Assert.Equal(5, statements.Count);
        Assert.Equal("CREATE TABLE", statements[0].GetProperty("tag").GetString());
        Assert.Equal("INSERT 0 1", statements[1].GetProperty("tag").GetString());
        Assert.Equal(1, statements[1].GetProperty("rowsAffected").GetInt64());
        Assert.Equal("hi", statements[2].GetProperty("notices")[0].GetProperty("message").GetString());

        var select = statements[3];
        Assert.Equal(["id", "v", "b", "s"], select.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("vector", select.GetProperty("columns")[1].GetProperty("type").GetString());
        var row = select.GetProperty("rows")[0];
        Assert.Equal(1, row[0].GetInt32());
        Assert.Equal([1f, 2f], row[1].EnumerateArray().Select(x => x.GetSingle()));
        Assert.Equal("\\xff00", row[2].GetString());
        Assert.Equal("x", row[3].GetString());
        Assert.Equal(1, select.GetProperty("totalRows").GetInt64());
        Assert.Equal(JsonValueKind.Null, select.GetProperty("error").ValueKind);

        var failed = statements[4].GetProperty("error");
        Assert.Equal("42703", failed.GetProperty("sqlState").GetString());
        Assert.Equal(5, failed.GetProperty("line").GetInt32());
        Assert.Equal(8, failed.GetProperty("column").GetInt32());
        Assert.Equal("Idle", root.GetProperty("transaction").GetString());
    }

    [Fact]
    public async Task Terminal_escapes_in_learner_data_are_printed_visibly_and_kept_in_json()
    {
        var learner = NewName();
        const string Sql = "SELECT E'A\\x1b[31mRED\\x1b]0;title-pwned\\x07B' AS v";
        var (code, output, _) = await fixture.RunAsync("sql", "-l", learner, Sql);
        Assert.Equal(0, code);
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u0007', output);
        Assert.Contains(" A\\x1b[31mRED\\x1b]0;title-pwned\\x07B", output);

        var (_, json, _) = await fixture.RunAsync("sql", "-l", learner, "--json", Sql);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("A\u001b[31mRED\u001b]0;title-pwned\u0007B", doc.RootElement.GetProperty("statements")[0].GetProperty("rows")[0][0].GetString());
    }

    [Fact]
    public async Task Json_output_names_the_limit_that_cut_the_rows()
    {
        var (code, json, _) = await fixture.RunAsync("sql", "-l", NewName(), "--json", "COPY (SELECT g FROM generate_series(1, 1500) g) TO STDOUT");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(json);
        var statement = doc.RootElement.GetProperty("statements")[0];
        Assert.Equal("Rows", statement.GetProperty("cut").GetProperty("limit").GetString());
        Assert.Equal(1000, statement.GetProperty("cut").GetProperty("keptRows").GetInt32());
        Assert.Equal("COPY 1500", statement.GetProperty("tag").GetString());
    }

    [Fact]
    public async Task Sandboxes_persist_between_invocations_and_text_output_looks_like_psql()
    {
        var learner = NewName();
        Assert.Equal(0, (await fixture.RunAsync("sql", "-l", learner, "CREATE TABLE notes (n text); INSERT INTO notes VALUES ('kept')")).ExitCode);
        var (code, output, _) = await fixture.RunAsync("sql", "-l", learner, "SELECT n FROM notes");
        Assert.Equal(0, code);
        Assert.Equal([" n   ", "------", " kept", "(1 row)"], output.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Sql_can_come_from_a_file_and_errors_print_position_and_sqlstate()
    {
        var file = Path.Combine(fixture.DataDirectory, "script.sql");
        await File.WriteAllTextAsync(file, "SELECT 1;\nSELECT * FROM missing_table;\n");
        var (code, output, _) = await fixture.RunAsync("sql", "--learner", NewName(), "--file", file);
        Assert.Equal(1, code);
        Assert.Contains("ERROR:  relation \"missing_table\" does not exist (line 2, column 15) [42P01]", output);
    }

    [Fact]
    public async Task Missing_sql_is_a_usage_error()
    {
        var (code, _, error) = await fixture.RunAsync("sql", "--learner", NewName());
        Assert.Equal(2, code);
        Assert.Contains("Give the SQL", error);
        var (unknown, _, _) = await fixture.RunAsync("sandbox", "list", "--no-such-option");
        Assert.NotEqual(0, unknown);
    }
}
