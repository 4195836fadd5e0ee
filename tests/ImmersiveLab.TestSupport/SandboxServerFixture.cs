using ImmersiveLab.Sandbox;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ImmersiveLab.TestSupport;

/// <summary>
/// A <see cref="LabServerFixture"/> with the sandbox services (no background services: tests drive them): learners of
/// their own and cells that must succeed. Fixtures of features over sandboxes derive from it and add their services
/// after calling <c>base.ConfigureServices</c>.
/// </summary>
public class SandboxServerFixture : LabServerFixture
{
    protected override void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSandboxes(configuration, backgroundServices: false);

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A solo learner of its own (their sandbox is made on first run), so tests never see each other's state.</summary>
    public Task<LearnerRef> NewLearnerAsync(string prefix = "t") =>
        Get<LearnerDirectory>().GetOrCreateAsync($"{prefix}-{Guid.NewGuid():N}"[..30], null, CancellationToken.None);

    /// <summary>The id of <see cref="NewLearnerAsync"/>, for the services that take a learner id.</summary>
    public async Task<Guid> NewLearnerIdAsync(string prefix = "t") => (await NewLearnerAsync(prefix)).Id;

    /// <summary>
    /// Runs a cell as <paramref name="learner"/> that must succeed, every statement of it; returns the last statement's
    /// result. A failure names the statement that failed (number, line, SQL) and the server's message.
    /// </summary>
    public async Task<StatementResult> RunOkAsync(LearnerRef learner, string sql)
    {
        var cell = await Get<SqlRunner>().RunAsync(learner, sql, CancellationToken.None);
        Assert.True(cell.Error is null, $"the cell did not run: {cell.Error?.Message}");
        Assert.False(cell.Cancelled, "the cell was cancelled");
        var failed = cell.Statements.FirstOrDefault(s => s.Error is not null);
        Assert.True(failed is null,
            $"statement {failed?.Index + 1} of the cell (line {failed?.StartLine}) failed: {failed?.Error?.Message}\n  {failed?.Sql}");
        Assert.True(cell.Statements.Count > 0, "the cell had no statement");
        return cell.Statements[^1];
    }

    /// <summary>
    /// Waits until the server runs a learner's statement containing <paramref name="queryText"/> (the statement itself,
    /// not only the run around it), e.g. before cancelling it.
    /// </summary>
    public Task UntilServerRunsAsync(string queryText) =>
        Poll.UntilAsync(async () =>
        {
            await using var cmd = Server.Admin.CreateCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND state = 'active' AND strpos(query, $2) > 0");
            cmd.Parameters.AddWithValue(SessionConnector.ApplicationName);
            cmd.Parameters.AddWithValue(queryText);
            return (long)(await cmd.ExecuteScalarAsync())! > 0;
        }, $"the server runs a learner's statement with '{queryText}'");
}
