using System.Text.Json;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Tests.Support;

namespace ImmersiveLab.Sandbox.Tests;

[Collection(nameof(SandboxCollection))]
public sealed class ExplainTests(SandboxFixture fixture)
{
    [Fact]
    public async Task A_select_is_explained_as_json_with_analyze_and_buffers_and_session_settings_apply()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, """
            CREATE TABLE items (id int, embedding vector(3));
            INSERT INTO items SELECT i, ARRAY[random(), random(), random()]::vector FROM generate_series(1, 500) i;
            CREATE INDEX ON items USING hnsw (embedding vector_l2_ops);
            ANALYZE items;
            SET enable_seqscan = off;
            """);
        var plan = await fixture.Runner.ExplainAsync(me, "SELECT id FROM items ORDER BY embedding <-> '[0.5,0.5,0.5]' LIMIT 5", CancellationToken.None);
        Assert.True(plan.Succeeded, plan.Error?.Message);
        using var json = JsonDocument.Parse(plan.PlanJson!);
        var root = json.RootElement[0];
        Assert.True(root.TryGetProperty("Execution Time", out _));
        var text = plan.PlanJson!;
        Assert.Contains("Index Scan", text);
        Assert.Contains("Shared Hit Blocks", text);
        Assert.Equal(TransactionStatus.Idle, plan.Transaction);
    }

    [Theory]
    [InlineData("DELETE FROM t")]
    [InlineData("INSERT INTO t VALUES (1)")]
    [InlineData("WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone")]
    [InlineData("SELECT * INTO copy_of_t FROM t")]
    [InlineData("DROP TABLE t")]
    [InlineData("SELECT 1; SELECT 2")]
    public async Task Statements_that_would_change_data_are_refused_and_change_nothing(string sql)
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "CREATE TABLE t (x int); INSERT INTO t VALUES (1)");
        var plan = await fixture.Runner.ExplainAsync(me, sql, CancellationToken.None);
        Assert.False(plan.Succeeded);
        Assert.Null(plan.PlanJson);
        Assert.False(string.IsNullOrWhiteSpace(plan.Error!.Message));
        Assert.Equal(1L, (await fixture.RunOkAsync(me, "SELECT count(*) FROM t")).Rows[0][0]);
    }

    [Fact]
    public async Task A_select_with_side_effects_is_rolled_back()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "CREATE SEQUENCE s");
        var plan = await fixture.Runner.ExplainAsync(me, "SELECT nextval('s')", CancellationToken.None);
        Assert.Equal("25006", plan.Error!.SqlState); // read-only transaction
        Assert.Equal(1L, (await fixture.RunOkAsync(me, "SELECT nextval('s')")).Rows[0][0]);
    }

    [Fact]
    public async Task Inside_an_open_transaction_the_plan_uses_a_savepoint_and_leaves_the_transaction_open()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "CREATE TABLE t (x int)");
        await fixture.RunOkAsync(me, "BEGIN; INSERT INTO t VALUES (1)");
        var plan = await fixture.Runner.ExplainAsync(me, "SELECT * FROM t", CancellationToken.None);
        Assert.True(plan.Succeeded, plan.Error?.Message);
        Assert.Contains("\"Actual Rows\": 1", plan.PlanJson);
        Assert.Equal(TransactionStatus.InTransaction, plan.Transaction);
        var bad = await fixture.Runner.ExplainAsync(me, "SELECT nope FROM t", CancellationToken.None);
        Assert.Equal("42703", bad.Error!.SqlState);
        Assert.Equal(1, bad.Error.Line);
        Assert.Equal(8, bad.Error.Column); // mapped back past the EXPLAIN prefix
        Assert.Equal(TransactionStatus.InTransaction, bad.Transaction); // the savepoint absorbed the error
        await fixture.RunOkAsync(me, "COMMIT");
        Assert.Equal(1L, (await fixture.RunOkAsync(me, "SELECT count(*) FROM t")).Rows[0][0]);
    }
}
