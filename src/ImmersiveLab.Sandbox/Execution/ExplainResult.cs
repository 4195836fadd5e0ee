namespace ImmersiveLab.Sandbox.Execution;

/// <summary>The plan of one SELECT from EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON), as the JSON text PostgreSQL returned.</summary>
public sealed record ExplainResult
{
    /// <summary>The JSON array PostgreSQL produced (one element with "Plan", "Planning Time", "Execution Time").</summary>
    public string? PlanJson { get; init; }
    public SqlError? Error { get; init; }
    public IReadOnlyList<SqlNotice> Notices { get; init; } = [];
    public TimeSpan Elapsed { get; init; }
    public bool Cancelled { get; init; }
    public bool SessionWasReset { get; init; }
    public TransactionStatus Transaction { get; init; }
    public bool Succeeded => Error is null && PlanJson is not null;
}
