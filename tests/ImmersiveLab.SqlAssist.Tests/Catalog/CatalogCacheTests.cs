using ImmersiveLab.Sandbox.Connections;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.SqlAssist.Catalog;
using ImmersiveLab.SqlAssist.Tests.Support;
using ImmersiveLab.Sandbox.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

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
        // A cache whose clock does not move: its wait for a refresh never runs out, so only not waiting answers early.
        var cache = CacheWithClock(new FakeTimeProvider(DateTimeOffset.UtcNow), TimeSpan.FromMinutes(1));
        Assert.Equal(CatalogFreshness.Fresh, (await cache.GetAsync(me.Id, CancellationToken.None)).Freshness);
        // A cell that ends only when cancelled (or after 20 s, so a request that waits fails instead of hanging).
        using var stop = new CancellationTokenSource();
        var running = fixture.Get<SqlRunner>().RunAsync(me, "SET statement_timeout = '1min'; CREATE TABLE late (x int); SELECT pg_sleep(20)", stop.Token);
        await fixture.UntilServerRunsAsync("pg_sleep(20)");
        cache.Invalidate(me.Id);

        var request = cache.GetAsync(me.Id, CancellationToken.None);

        Assert.Same(request, await Task.WhenAny(request, running)); // answered while the cell still ran
        var during = await request;
        Assert.Equal(CatalogFreshness.Stale, during.Freshness);
        Assert.NotNull(during.Catalog.FindRelation(null, "old"));
        await stop.CancelAsync();
        Assert.True((await running).Cancelled);
        cache.Invalidate(me.Id);
        Assert.NotNull((await cache.GetAsync(me.Id, CancellationToken.None)).Catalog.FindRelation(null, "late"));
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
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var maxAge = TimeSpan.FromMinutes(1);
        var cache = CacheWithClock(time, maxAge);
        Assert.Equal(CatalogFreshness.Fresh, (await cache.GetAsync(me.Id, CancellationToken.None)).Freshness);

        // Like the index explorer: the learner's role, but not their session.
        await using (var source = await fixture.Get<SandboxConnections>().CreateLearnerDataSourceAsync(me.Id, "test-elsewhere", null, CancellationToken.None))
        await using (var cmd = source.CreateCommand("CREATE TABLE elsewhere (x int)"))
            await cmd.ExecuteNonQueryAsync();
        time.Advance(maxAge - TimeSpan.FromSeconds(1));
        var early = await cache.GetAsync(me.Id, CancellationToken.None);
        Assert.Equal(CatalogFreshness.Fresh, early.Freshness);
        Assert.Null(early.Catalog.FindRelation(null, "elsewhere"));

        time.Advance(TimeSpan.FromSeconds(1));
        var late = await cache.GetAsync(me.Id, CancellationToken.None);
        Assert.Equal(CatalogFreshness.Fresh, late.Freshness);
        Assert.NotNull(late.Catalog.FindRelation(null, "elsewhere"));
    }

    /// <summary>A cache of its own on <paramref name="time"/>, told of no cell (tests invalidate it themselves).</summary>
    private CatalogCache CacheWithClock(TimeProvider time, TimeSpan maxAge) =>
        new(fixture.Get<SessionReader>(), fixture.Get<SharedCatalogStore>(), new SandboxEvents(NullLogger<SandboxEvents>.Instance),
            Options.Create(new SqlAssistOptions { MaxCatalogAge = maxAge }), time, NullLogger<CatalogCache>.Instance);
}
