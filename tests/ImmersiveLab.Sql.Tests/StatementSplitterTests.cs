using ImmersiveLab.Sql;

namespace ImmersiveLab.Sql.Tests;

public sealed class StatementSplitterTests
{
    private static string[] Texts(string cell) => StatementSplitter.Split(cell).Select(s => s.Text).ToArray();

    [Fact]
    public void Splits_on_semicolons_and_drops_empty_statements()
    {
        Assert.Equal(["SELECT 1", "SELECT 2", "SELECT 3"], Texts("SELECT 1; SELECT 2;;\n\n  SELECT 3  "));
    }

    [Fact]
    public void Keeps_semicolons_inside_single_quotes_and_doubled_quotes()
    {
        Assert.Equal(["SELECT 'a;b', 'it''s; fine'", "SELECT 2"], Texts("SELECT 'a;b', 'it''s; fine'; SELECT 2"));
    }

    [Fact]
    public void Backslash_escapes_only_count_in_E_strings()
    {
        Assert.Equal([@"SELECT E'it\'s; ok'", "SELECT 2"], Texts(@"SELECT E'it\'s; ok'; SELECT 2"));
        // In a standard string a backslash is an ordinary character, so the string ends at the second quote.
        Assert.Equal([@"SELECT 'C:\'", "SELECT ';'"], Texts(@"SELECT 'C:\'; SELECT ';'"));
    }

    [Fact]
    public void Keeps_dollar_quoted_bodies_whole()
    {
        var cell = """
            CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
            BEGIN
              RAISE NOTICE 'one; two';
              RETURN 1;
            END $$;
            DO $body$ BEGIN PERFORM 1; /* $$ inside */ END $body$;
            SELECT $x1$ ; $x1$
            """;
        var parts = StatementSplitter.Split(cell);
        Assert.Equal(3, parts.Count);
        Assert.StartsWith("CREATE FUNCTION", parts[0].Text);
        Assert.EndsWith("END $$", parts[0].Text);
        Assert.Equal("DO $body$ BEGIN PERFORM 1; /* $$ inside */ END $body$", parts[1].Text);
        Assert.Equal(7, parts[2].StartLine);
    }

    [Fact]
    public void Positional_parameters_are_not_dollar_quotes()
    {
        Assert.Equal(["SELECT $1", "SELECT $2"], Texts("SELECT $1; SELECT $2"));
    }

    [Fact]
    public void Ignores_semicolons_in_line_and_nested_block_comments()
    {
        var cell = "-- setup; not a statement\nSELECT 1 /* a; /* nested; */ still comment; */ + 1; -- tail;\n/* only a comment; */";
        var parts = StatementSplitter.Split(cell);
        Assert.Single(parts);
        Assert.Equal("SELECT 1 /* a; /* nested; */ still comment; */ + 1", parts[0].Text);
        Assert.Equal(2, parts[0].StartLine);
        Assert.Equal(1, parts[0].StartColumn);
    }

    [Fact]
    public void Keeps_semicolons_inside_quoted_identifiers()
    {
        Assert.Equal(["CREATE TABLE \"a;\"\"b\" (x int)", "SELECT 1"], Texts("CREATE TABLE \"a;\"\"b\" (x int); SELECT 1"));
    }

    [Fact]
    public void Keeps_sql_standard_function_bodies_whole()
    {
        var cell = """
            CREATE OR REPLACE PROCEDURE p() LANGUAGE sql
            BEGIN ATOMIC
              INSERT INTO t VALUES (CASE WHEN true THEN 1 ELSE 2 END);
              INSERT INTO t VALUES (3);
            END;
            BEGIN;
            COMMIT;
            """;
        var parts = StatementSplitter.Split(cell);
        Assert.Equal(3, parts.Count);
        Assert.EndsWith("END", parts[0].Text);
        Assert.Equal("BEGIN", parts[1].Text);
        Assert.Equal("COMMIT", parts[2].Text);
    }

    [Fact]
    public void Reports_start_offset_line_column_and_leading_words()
    {
        var cell = "SELECT 1;\n  -- comment\n  create unique index i on t (x);";
        var parts = StatementSplitter.Split(cell);
        Assert.Equal(2, parts.Count);
        Assert.Equal(cell.IndexOf("create", StringComparison.Ordinal), parts[1].StartOffset);
        Assert.Equal(3, parts[1].StartLine);
        Assert.Equal(3, parts[1].StartColumn);
        Assert.Equal(["CREATE", "UNIQUE", "INDEX", "I", "ON", "T", "X"], parts[1].LeadingWords);
    }

    [Fact]
    public void Unterminated_quotes_run_to_the_end()
    {
        Assert.Equal(["SELECT 'open; SELECT 2"], Texts("SELECT 'open; SELECT 2"));
        Assert.Equal(["SELECT $$ open; SELECT 2"], Texts("SELECT $$ open; SELECT 2"));
    }

    [Fact]
    public void Prefixed_strings_are_single_tokens()
    {
        Assert.Equal(["SELECT B'101', X'ff', U&'d\\0061t;a'", "SELECT 1"], Texts("SELECT B'101', X'ff', U&'d\\0061t;a'; SELECT 1"));
    }

    [Fact]
    public void Parentheses_protect_semicolons_only_when_balanced()
    {
        // A semicolon inside parentheses is not a statement end in psql either (it waits for the close).
        Assert.Single(Texts("SELECT (1;2)"));
        Assert.Equal(["SELECT (1)", "SELECT 2"], Texts("SELECT (1); SELECT 2"));
    }

    [Fact]
    public void Empty_cells_have_no_statements()
    {
        Assert.True(StatementSplitter.IsEmpty("  -- nothing\n/* at all */ ;; "));
        Assert.False(StatementSplitter.IsEmpty("SELECT 1"));
    }

    [Fact]
    public void Server_positions_count_code_points()
    {
        var statement = "SELECT '😀', nope";
        // PostgreSQL would report "nope" at character 13 (the emoji is one character).
        Assert.Equal(statement.IndexOf("nope", StringComparison.Ordinal), TextPosition.OffsetOfServerPosition(statement, 13));
        Assert.Equal((2, 3), TextPosition.LineAndColumn("x\n😀ab", 5)); // "b": after the emoji and "a"
    }
}
