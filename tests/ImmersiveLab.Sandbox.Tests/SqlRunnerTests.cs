using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Tests.Support;

namespace ImmersiveLab.Sandbox.Tests;

[Collection(nameof(SandboxCollection))]
public sealed class SqlRunnerTests(SandboxFixture fixture)
{
    [Fact]
    public async Task Every_statement_of_a_cell_gets_its_own_result_with_types_tags_and_notices()
    {
        var me = await fixture.NewLearnerAsync();
        var cell = await fixture.RunAsync(me, """
            CREATE TABLE pets (id int PRIMARY KEY, name text, embedding vector(3), photo bytea);
            INSERT INTO pets VALUES (1, 'Rex', '[1,2,3]', '\x0102'), (2, 'Tom; the cat', NULL, NULL);
            DO $$ BEGIN RAISE NOTICE 'hello from %', 'plpgsql'; RAISE WARNING 'careful'; END $$;
            SELECT id, name, embedding, photo, 1.50::numeric AS price, now()::date > '2000-01-01' AS recent FROM pets ORDER BY id;
            UPDATE pets SET name = upper(name) WHERE id = 1;
            """);
        Assert.True(cell.Succeeded, cell.Statements.FirstOrDefault(s => s.Error is not null)?.Error?.Message);
        Assert.Equal(5, cell.Statements.Count);
        Assert.Equal("CREATE TABLE", cell.Statements[0].CommandTag);
        Assert.Equal("INSERT 0 2", cell.Statements[1].CommandTag);
        Assert.Equal(2, cell.Statements[1].RowsAffected);
        Assert.Equal(2, cell.Statements[1].StartLine);

        var notices = cell.Statements[2].Notices;
        Assert.Equal(["NOTICE", "WARNING"], notices.Select(n => n.Severity));
        Assert.Equal("hello from plpgsql", notices[0].Message);

        var select = cell.Statements[3];
        Assert.Equal(["integer", "text", "vector", "bytea", "numeric", "boolean"], select.Columns.Select(c => c.TypeName));
        Assert.Equal(2, select.Rows.Count);
        Assert.Equal(2L, select.TotalRows);
        Assert.Equal("SELECT 2", select.CommandTag);
        var rex = select.Rows[0];
        Assert.Equal(1, rex[0]);
        Assert.Equal("Rex", rex[1]);
        Assert.Equal(new float[] { 1, 2, 3 }, ((Pgvector.Vector)rex[2]!).ToArray());
        Assert.Equal(new byte[] { 1, 2 }, (byte[])rex[3]!);
        Assert.Equal("1.50", rex[4]); // numeric as PostgreSQL prints it: exact, never a lossy double
        Assert.Equal(true, rex[5]);
        Assert.Null(select.Rows[1][2]);
        Assert.Equal("Tom; the cat", select.Rows[1][1]);

        Assert.Equal("UPDATE 1", cell.Statements[4].CommandTag);
        Assert.Equal(TransactionStatus.Idle, cell.Transaction);
    }

    [Fact]
    public async Task An_error_reports_sqlstate_and_its_line_and_column_in_the_cell_and_stops_the_cell()
    {
        var me = await fixture.NewLearnerAsync();
        var cell = await fixture.RunAsync(me, "SELECT 1;\n\n  SELECT id,\n         nope FROM lab.sample_images;\nSELECT 3;");
        Assert.Equal(2, cell.Statements.Count); // the third never ran
        var error = cell.Statements[1].Error!;
        Assert.Equal("42703", error.SqlState);
        Assert.Contains("nope", error.Message);
        Assert.Equal(4, error.Line);
        Assert.Equal(10, error.Column);
        Assert.Equal(3, cell.Statements[1].StartLine);
        Assert.False(cell.Succeeded);
    }

    [Fact]
    public async Task Errors_carry_detail_and_hint()
    {
        var me = await fixture.NewLearnerAsync();
        var cell = await fixture.RunAsync(me, "CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1), (1);");
        var error = cell.Statements[1].Error!;
        Assert.Equal("23505", error.SqlState);
        Assert.Equal("Key (id)=(1) already exists.", error.Detail);
        Assert.Equal(2, error.Line);

        var typo = (await fixture.RunAsync(me, "SELECT * FROM lab.sample_image")).Statements[0].Error!;
        Assert.Equal("42P01", typo.SqlState);
        Assert.Equal(1, typo.Line);
        Assert.Equal(15, typo.Column);
    }

    [Fact]
    public async Task Session_settings_and_temp_tables_carry_across_cells()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "SET hnsw.ef_search = 100; CREATE TEMP TABLE scratch AS SELECT 42 AS answer");
        var show = await fixture.RunOkAsync(me, "SHOW hnsw.ef_search");
        Assert.Equal("100", show.Rows[0][0]);
        Assert.Equal("SHOW", show.CommandTag);
        Assert.Equal(42, (await fixture.RunOkAsync(me, "SELECT answer FROM scratch")).Rows[0][0]);
    }

    [Fact]
    public async Task A_transaction_can_span_cells_and_its_state_is_reported()
    {
        var me = await fixture.NewLearnerAsync();
        var begin = await fixture.RunAsync(me, "CREATE TABLE t (x int); BEGIN; INSERT INTO t VALUES (1)");
        Assert.Equal(TransactionStatus.InTransaction, begin.Transaction);
        Assert.Equal(TransactionStatus.InTransaction, fixture.Sessions.GetState(me.Id)!.Transaction);

        var failed = await fixture.RunAsync(me, "SELECT 1/0");
        Assert.Equal("22012", failed.Statements[0].Error!.SqlState);
        Assert.Equal(TransactionStatus.Failed, failed.Transaction);

        var blocked = await fixture.RunAsync(me, "SELECT 1");
        Assert.Equal("25P02", blocked.Statements[0].Error!.SqlState);
        Assert.Contains("ROLLBACK", blocked.Statements[0].Error!.Hint);

        var commit = await fixture.RunAsync(me, "COMMIT");
        Assert.Equal("ROLLBACK", commit.Statements[0].CommandTag);
        Assert.Contains(commit.Statements[0].Notices, n => n.Message.Contains("rolled it back"));
        Assert.Equal(TransactionStatus.Idle, commit.Transaction);
        Assert.Equal(0L, (await fixture.RunOkAsync(me, "SELECT count(*) FROM t")).Rows[0][0]);

        await fixture.RunOkAsync(me, "BEGIN");
        await fixture.RunOkAsync(me, "INSERT INTO t VALUES (2)");
        var committed = await fixture.RunAsync(me, "COMMIT");
        Assert.Equal("COMMIT", committed.Statements[0].CommandTag);
        Assert.Equal(TransactionStatus.Idle, committed.Transaction);
        Assert.Equal(1L, (await fixture.RunOkAsync(me, "SELECT count(*) FROM t")).Rows[0][0]);
    }

    [Fact]
    public async Task Rows_beyond_the_cap_are_counted_but_not_kept()
    {
        var me = await fixture.NewLearnerAsync();
        var result = await fixture.RunOkAsync(me, "SELECT g FROM generate_series(1, 5000) g");
        Assert.Equal(fixture.Options.MaxRows, result.Rows.Count);
        Assert.Equal(5000L, result.TotalRows);
        Assert.True(result.Truncated);
        Assert.Contains("first 1000 rows", result.TruncationReason);
        Assert.Equal(1000, result.Rows[^1][0]);
    }

    [Fact]
    public async Task A_ten_million_row_result_is_stopped_after_counting_and_the_session_carries_on()
    {
        var me = await fixture.NewLearnerAsync();
        // The fixture's 2 s statement timeout is for the hostile tests; counting 100 000 rows on a loaded
        // 2-core CI machine can take longer, and this test is about the row cap, not the timeout.
        await fixture.RunOkAsync(me, "SET statement_timeout = '30s'");
        var cell = await fixture.RunAsync(me, "SELECT a * 10000 + b, repeat('x', 50) FROM generate_series(0, 999) a, generate_series(1, 10000) b");
        var result = cell.Statements[0];
        Assert.Null(result.Error);
        Assert.Equal(fixture.Options.MaxRows, result.Rows.Count);
        Assert.Null(result.TotalRows);
        Assert.Contains("More than", result.TruncationReason);
        Assert.Equal(7, (await fixture.RunOkAsync(me, "SELECT 7")).Rows[0][0]);
    }

    [Fact]
    public async Task Long_values_are_truncated_with_their_full_length()
    {
        var me = await fixture.NewLearnerAsync();
        var result = await fixture.RunOkAsync(me, "SELECT repeat('é', 100000) AS t, decode(repeat('ab', 100000), 'hex') AS b, 'short' AS s");
        var text = Assert.IsType<TruncatedValue>(result.Rows[0][0]);
        Assert.Equal(200000, text.FullLength); // bytes of UTF-8
        Assert.Equal(new string('é', 50), text.TextPrefix); // 100 bytes, whole characters only
        var bytes = Assert.IsType<TruncatedValue>(result.Rows[0][1]);
        Assert.Equal(100000, bytes.FullLength);
        Assert.Equal(100, bytes.BytesPrefix!.Length);
        Assert.Equal("short", result.Rows[0][2]);
    }

    [Fact]
    public async Task A_result_over_the_byte_limit_keeps_only_the_rows_that_fit()
    {
        var me = await fixture.NewLearnerAsync();
        // 200 rows of 60 KB: the 4 MB result limit is reached after about 68 rows.
        var result = await fixture.RunUnhurriedAsync(me, "SELECT g, repeat('x', 60000) FROM generate_series(1, 200) g");
        Assert.Null(result.Error);
        Assert.InRange(result.Rows.Count, 60, 70);
        Assert.Equal(200L, result.TotalRows);
        Assert.Contains("MB", result.TruncationReason);
    }

    [Fact]
    public async Task Types_npgsql_cannot_read_come_back_as_postgres_text()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "CREATE TYPE mood AS ENUM ('happy', 'sad')");
        var result = await fixture.RunOkAsync(me,
            "SELECT 'happy'::mood AS m, '{1,2}'::int[] AS a, '[1,3)'::int4range AS r, '1,2'::cube AS c, 'NaN'::numeric AS n, " +
            "'2000-01-01 BC'::date AS d, (SELECT nspacl FROM pg_namespace WHERE nspname = 'lab') AS acl, '{\"a\": 1}'::jsonb AS j");
        Assert.Equal(["mood", "integer[]", "int4range", "cube", "numeric", "date", "aclitem[]", "jsonb"], result.Columns.Select(c => c.TypeName));
        Assert.Equal("happy", result.Rows[0][0]);
        Assert.Equal("{1,2}", result.Rows[0][1]);
        Assert.Equal("[1,3)", result.Rows[0][2]);
        Assert.Equal("(1, 2)", result.Rows[0][3]);
        Assert.Equal("NaN", result.Rows[0][4]);
        Assert.Equal("2000-01-01 BC", result.Rows[0][5]);
        Assert.StartsWith("{", (string)result.Rows[0][6]!);
        Assert.Equal("{\"a\": 1}", result.Rows[0][7]);
    }

    [Fact]
    public async Task Statements_are_described_without_running_them_twice()
    {
        var me = await fixture.NewLearnerAsync();
        var result = await fixture.RunAsync(me, "CREATE TABLE t (x serial, y int); INSERT INTO t (y) VALUES (1) RETURNING x; SELECT count(*) FROM t");
        Assert.Equal(1, result.Statements[1].Rows[0][0]);
        Assert.Equal("INSERT 0 1", result.Statements[1].CommandTag);
        Assert.Equal(1L, result.Statements[2].Rows[0][0]);
    }

    [Fact]
    public async Task Copy_to_stdout_returns_lines_and_copy_from_stdin_is_refused_clearly()
    {
        var me = await fixture.NewLearnerAsync();
        var copy = await fixture.RunOkAsync(me, "COPY (SELECT g, g * 2 FROM generate_series(1, 3) g) TO STDOUT WITH (FORMAT csv)");
        Assert.Equal(["1,2", "2,4", "3,6"], copy.Rows.Select(r => (string)r[0]!));
        Assert.Equal("COPY 3", copy.CommandTag);

        var stdin = await fixture.RunAsync(me, "CREATE TABLE t (x int); COPY t FROM STDIN; SELECT 1");
        Assert.Equal(2, stdin.Statements.Count);
        Assert.Contains("INSERT", stdin.Statements[1].Error!.Message);
        Assert.Equal(1, (await fixture.RunOkAsync(me, "SELECT 1")).Rows[0][0]);
    }

    [Fact]
    public async Task Over_long_cells_and_statements_are_refused_before_anything_runs()
    {
        var me = await fixture.NewLearnerAsync();
        var longStatement = "SELECT '" + new string('x', 20001) + "'";
        var cell = await fixture.RunAsync(me, "CREATE TABLE must_not_exist (x int);\n" + longStatement);
        Assert.NotNull(cell.Error);
        Assert.Contains("20,000", cell.Error!.Message);
        Assert.Equal(2, cell.Error.Line);
        Assert.Empty(cell.Statements);
        Assert.Equal(0L, (await fixture.RunOkAsync(me, "SELECT count(*) FROM pg_class WHERE relname = 'must_not_exist'")).Rows[0][0]);

        var huge = await fixture.RunAsync(me, new string(' ', fixture.Options.MaxCellChars + 1));
        Assert.Contains("characters", huge.Error!.Message);
    }

    [Fact]
    public async Task Comment_only_cells_run_nothing()
    {
        var me = await fixture.NewLearnerAsync();
        var cell = await fixture.RunAsync(me, "-- just a note\n/* and another */");
        Assert.True(cell.Succeeded);
        Assert.Empty(cell.Statements);
    }

    [Fact]
    public async Task Statement_timeout_of_the_role_stops_a_slow_statement_with_a_clear_message()
    {
        var me = await fixture.NewLearnerAsync();
        var cell = await fixture.RunAsync(me, "SELECT pg_sleep(30)");
        var error = cell.Statements[0].Error!;
        Assert.Equal("57014", error.SqlState);
        Assert.Contains("statement timeout", error.Message);
        Assert.Equal(1, (await fixture.RunOkAsync(me, "SELECT 1")).Rows[0][0]);
    }

    [Fact]
    public async Task The_client_deadline_stops_a_statement_when_the_learner_turned_the_timeout_off()
    {
        var me = await fixture.NewLearnerAsync();
        var cell = await fixture.RunAsync(me, "SET statement_timeout = 0; SELECT pg_sleep(60)");
        var error = cell.Statements[1].Error!;
        Assert.Equal("57014", error.SqlState);
        Assert.Contains("Stopped by the lab", error.Message);
        Assert.False(cell.Cancelled);
        Assert.True(cell.Statements[1].Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal(1, (await fixture.RunOkAsync(me, "SELECT 1")).Rows[0][0]);
    }
}
