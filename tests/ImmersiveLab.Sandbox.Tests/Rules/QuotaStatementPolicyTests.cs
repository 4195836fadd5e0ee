using ImmersiveLab.Sql;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Quota;

namespace ImmersiveLab.Sandbox.Tests.Rules;

public sealed class QuotaStatementPolicyTests
{
    [Theory]
    [InlineData("DROP TABLE big", QuotaTreatment.Frees)]
    [InlineData("drop index big_idx", QuotaTreatment.Frees)]
    [InlineData("DROP OWNED BY CURRENT_USER", QuotaTreatment.Frees)]
    [InlineData("TRUNCATE big, other", QuotaTreatment.Frees)]
    [InlineData("VACUUM big", QuotaTreatment.Frees)]
    [InlineData("DISCARD TEMP", QuotaTreatment.Frees)]
    [InlineData("VACUUM FULL big", QuotaTreatment.ReadOnly)]
    [InlineData("VACUUM (FULL, ANALYZE) big", QuotaTreatment.ReadOnly)]
    [InlineData("BEGIN", QuotaTreatment.Control)]
    [InlineData("COMMIT", QuotaTreatment.Control)]
    [InlineData("ROLLBACK TO SAVEPOINT s", QuotaTreatment.Control)]
    [InlineData("SET work_mem = '8MB'", QuotaTreatment.Control)]
    [InlineData("SHOW work_mem", QuotaTreatment.Control)]
    [InlineData("SELECT count(*) FROM big", QuotaTreatment.ReadOnly)]
    [InlineData("SELECT grow()", QuotaTreatment.ReadOnly)]
    [InlineData("WITH x AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM x", QuotaTreatment.ReadOnly)]
    [InlineData("DO $$ BEGIN INSERT INTO t VALUES (1); END $$", QuotaTreatment.ReadOnly)]
    [InlineData("INSERT INTO t VALUES (1)", QuotaTreatment.ReadOnly)]
    [InlineData("CREATE TABLE t2 AS SELECT * FROM t", QuotaTreatment.ReadOnly)]
    [InlineData("/* drop */ INSERT INTO t VALUES (1)", QuotaTreatment.ReadOnly)]
    [InlineData("COPY t TO STDOUT", QuotaTreatment.ReadOnly)]
    public void Only_statements_that_free_space_or_control_the_transaction_run_as_usual(string sql, QuotaTreatment expected) =>
        Assert.Equal(expected, QuotaStatementPolicy.Classify(StatementSplitter.Split(sql).Single()));
}
