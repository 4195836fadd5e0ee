using System.Diagnostics;
using ImmersiveLab.Sandbox.Connections;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.SqlAssist.Catalog;
using ImmersiveLab.SqlAssist.Tests.Support;
using ImmersiveLab.Sandbox.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.SqlAssist.Tests.Catalog;

[Collection(nameof(AssistCollection))]
public sealed class CatalogCacheTests(AssistFixture fixture)
{
    private CatalogCache Cache => fixture.Get<CatalogCache>();

    private async Task<CatalogLookup> FreshAsync(Guid learner)
    {
        var lookup = await Cache.GetAsync(learner, CancellationToken.None);
        for (var i = 0; i < 100 && lookup.Freshness != CatalogFreshness.Fresh; i++)
        {
            await Task.Delay(50);
            lookup = await Cache.GetAsync(learner, CancellationToken.None);
        }
        Assert.Equal(CatalogFreshness.Fresh, lookup.Freshness);
        return lookup;
    }

    [Fact]
    public async Task A_table_created_in_a_cell_is_in_the_next_lookup_and_requests_in_between_cost_no_query()
    {
        var me = await fixture.NewLearnerAsync();
        var before = await FreshAsync(me.Id);
        Assert.Null(before.Catalog.FindRelation(null, "img_raw"));
        var reads = Cache.Reads;
        for (var i = 0; i < 20; i++) Assert.Equal(CatalogFreshness.Fresh, (await Cache.GetAsync(me.Id, CancellationToken.None)).Freshness);
        Assert.Equal(reads, Cache.Reads);

        await fixture.RunOkAsync(me, "CREATE TABLE img_raw (id int, data bytea)");
        var after = await Cache.GetAsync(me.Id, CancellationToken.None);
        Assert.Equal(CatalogFreshness.Fresh, after.Freshness);
        Assert.Equal(["id", "data"], after.Catalog.FindRelation(null, "img_raw")!.Columns.Select(c => c.Name));
        Assert.Equal(reads + 1, Cache.Reads);
    }

    [Fact]
    public async Task Queries_and_data_changes_leave_the_catalog_as_it_is()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "CREATE TABLE t (x int)");
        await FreshAsync(me.Id);
        var reads = Cache.Reads;
        await fixture.RunOkAsync(me, "INSERT INTO t VALUES (1); SELECT * FROM t; SET hnsw.ef_search = 100; UPDATE t SET x = 2");
        Assert.Equal(CatalogFreshness.Fresh, (await Cache.GetAsync(me.Id, CancellationToken.None)).Freshness);
        Assert.Equal(reads, Cache.Reads);
    }

    [Fact]
    public async Task While_the_learners_cell_runs_a_request_answers_at_once_with_the_catalog_it_has()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "CREATE TABLE old (x int)");
        await FreshAsync(me.Id);
        var running = fixture.Get<SqlRunner>().RunAsync(me, "CREATE TABLE late (x int); SELECT pg_sleep(2)", CancellationToken.None);
        await Task.Delay(300);
        Cache.Invalidate(me.Id);
        var clock = Stopwatch.StartNew();
        var during = await Cache.GetAsync(me.Id, CancellationToken.None);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"waited {clock.Elapsed}");
        Assert.Equal(CatalogFreshness.Stale, during.Freshness);
        Assert.NotNull(during.Catalog.FindRelation(null, "old"));
        Assert.True((await running).Succeeded);
        Assert.NotNull((await FreshAsync(me.Id)).Catalog.FindRelation(null, "late"));
    }

    [Fact]
    public async Task An_open_transaction_is_left_alone_and_its_tables_appear_once_it_commits()
    {
        var me = await fixture.NewLearnerAsync();
        await FreshAsync(me.Id);
        await fixture.RunOkAsync(me, "BEGIN; CREATE TABLE pending (x int)");
        var during = await Cache.GetAsync(me.Id, CancellationToken.None);
        Assert.Equal(CatalogFreshness.Stale, during.Freshness);
        Assert.Null(during.Catalog.FindRelation(null, "pending"));
        await fixture.RunOkAsync(me, "COMMIT");
        Assert.NotNull((await FreshAsync(me.Id)).Catalog.FindRelation(null, "pending"));
    }

    [Fact]
    public async Task A_reset_sandbox_is_forgotten_and_read_afresh()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "CREATE TABLE mine (x int)");
        Assert.NotNull((await FreshAsync(me.Id)).Catalog.FindRelation(null, "mine"));
        await fixture.Get<SandboxProvisioner>().ResetAsync(me, CancellationToken.None);
        Assert.Null((await FreshAsync(me.Id)).Catalog.FindRelation(null, "mine"));
    }

    [Fact]
    public async Task The_first_request_of_a_new_learner_reads_their_catalog_within_the_wait()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "SELECT 1");
        var first = await Cache.GetAsync(me.Id, CancellationToken.None);
        Assert.Equal(CatalogFreshness.Fresh, first.Freshness);
        Assert.NotNull(first.Catalog.FindRelation("lab", "sample_images"));
        Assert.NotEmpty(first.Catalog.Shared.Settings);
    }

    [Fact]
    public async Task Tables_made_on_another_connection_appear_once_the_catalog_is_old_enough()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "SELECT 1"); // the sandbox exists: the first read does not wait for its creation
        var maxAge = TimeSpan.FromSeconds(2);
        var cache = new CatalogCache(fixture.Get<SessionReader>(), fixture.Get<SharedCatalogStore>(), new SandboxEvents(NullLogger<SandboxEvents>.Instance),
            Options.Create(new SqlAssistOptions { MaxCatalogAge = maxAge }), TimeProvider.System, NullLogger<CatalogCache>.Instance);
        Assert.Equal(CatalogFreshness.Fresh, (await cache.GetAsync(me.Id, CancellationToken.None)).Freshness);
        var readAt = Stopwatch.StartNew();

        // Like the index explorer: the learner's role, but not their session.
        await using (var source = await fixture.Get<SandboxConnections>().CreateLearnerDataSourceAsync(me.Id, "test-elsewhere", null, CancellationToken.None))
        await using (var cmd = source.CreateCommand("CREATE TABLE elsewhere (x int)"))
            await cmd.ExecuteNonQueryAsync();
        var early = await cache.GetAsync(me.Id, CancellationToken.None);
        if (readAt.Elapsed < maxAge) Assert.Null(early.Catalog.FindRelation(null, "elsewhere"));

        await Task.Delay(maxAge - readAt.Elapsed + TimeSpan.FromMilliseconds(100));
        Assert.NotNull((await cache.GetAsync(me.Id, CancellationToken.None)).Catalog.FindRelation(null, "elsewhere"));
    }
}
