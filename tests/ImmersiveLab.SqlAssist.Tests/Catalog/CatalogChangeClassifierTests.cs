using ImmersiveLab.Sql;
using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.SqlAssist.Catalog;

namespace ImmersiveLab.SqlAssist.Tests.Catalog;

public sealed class CatalogChangeClassifierTests
{
    [Theory]
    [InlineData("CREATE TABLE t (x int)", true)]
    [InlineData("create index on t using hnsw (v vector_l2_ops)", true)]
    [InlineData("DROP TABLE t", true)]
    [InlineData("ALTER TABLE t ADD COLUMN y text", true)]
    [InlineData("COMMENT ON TABLE t IS 'x'", true)]
    [InlineData("DO $$ BEGIN EXECUTE 'CREATE TABLE u ()'; END $$", true)]
    [InlineData("SELECT * INTO copy FROM t", true)]
    [InlineData("SET search_path = lab, public", true)]
    [InlineData("SET LOCAL search_path TO lab", true)]
    [InlineData("RESET ALL", true)]
    [InlineData("ROLLBACK", true)]
    [InlineData("SELECT * FROM t WHERE note = 'INTO'", false)]
    [InlineData("INSERT INTO t VALUES (1)", false)]
    [InlineData("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", false)]
    [InlineData("UPDATE t SET x = 2", false)]
    [InlineData("SET hnsw.ef_search = 100", false)]
    [InlineData("SET LOCAL enable_seqscan = off", false)]
    [InlineData("EXPLAIN ANALYZE SELECT 1", false)]
    [InlineData("BEGIN", false)]
    [InlineData("SHOW work_mem", false)]
    public void Statements_that_may_change_the_catalog_are_told_from_those_that_cannot(string sql, bool changes)
    {
        var statement = StatementSplitter.Split(sql).Single();
        Assert.Equal(changes, CatalogChangeClassifier.MayChangeCatalog(statement));
    }

    [Fact]
    public void A_lost_session_changes_the_catalog_even_with_only_a_query() =>
        Assert.True(CatalogChangeClassifier.MayChangeCatalog(new StatementsRan(Guid.NewGuid(), StatementSplitter.Split("SELECT 1"), SessionWasReset: true)));
}
