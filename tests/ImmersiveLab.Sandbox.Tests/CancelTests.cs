using ImmersiveLab.Sandbox.Tests.Support;

namespace ImmersiveLab.Sandbox.Tests;

[Collection(nameof(SandboxCollection))]
public sealed class CancelTests(SandboxFixture fixture)
{
    [Fact]
    public async Task A_running_cell_is_cancelled_before_anything_else_ends_it_and_the_session_stays_usable()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "SET statement_timeout = 0; SET search_path = lab, public");
        // The sleep outlasts the fixture's client deadline (4 s): only the cancel ends it with "Cancelled.".
        var run = fixture.RunAsync(me, "SELECT 1; SELECT pg_sleep(60); SELECT 3");
        await fixture.UntilServerRunsAsync("pg_sleep(60)");
        Assert.True(fixture.Runner.Cancel(me.Id));
        var cell = await run;

        Assert.True(cell.Cancelled);
        Assert.Equal(2, cell.Statements.Count); // the third statement never ran
        Assert.Equal("Cancelled.", cell.Statements[1].Error!.Message);
        // Same connection: the SETs of the first cell are still there.
        var after = await fixture.RunAsync(me, "SHOW search_path");
        Assert.False(after.SessionWasReset);
        Assert.Equal("lab, public", after.Statements[0].Rows[0][0]);
    }

    [Fact]
    public async Task The_callers_token_cancels_too()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "SET statement_timeout = 0");
        using var cts = new CancellationTokenSource();
        var run = fixture.RunAsync(me, "SELECT pg_sleep(60)", cts.Token); // outlasts the client deadline, as above
        await fixture.UntilServerRunsAsync("pg_sleep(60)");
        await cts.CancelAsync();
        var cell = await run;
        Assert.True(cell.Cancelled);
        Assert.Equal("57014", cell.Statements[0].Error!.SqlState);
        Assert.Equal(2, (await fixture.RunOkAsync(me, "SELECT 2")).Rows[0][0]);
    }

    [Fact]
    public async Task Cancel_with_nothing_running_does_nothing()
    {
        var me = await fixture.NewLearnerAsync();
        Assert.False(fixture.Runner.Cancel(me.Id));
        await fixture.RunOkAsync(me, "SELECT 1");
        Assert.False(fixture.Runner.Cancel(me.Id));
        Assert.Equal(1, (await fixture.RunOkAsync(me, "SELECT 1")).Rows[0][0]);
    }
}
