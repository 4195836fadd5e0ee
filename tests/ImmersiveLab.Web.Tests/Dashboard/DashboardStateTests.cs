using ImmersiveLab.Classroom;
using ImmersiveLab.Web.Components.Pages.Instructor.Dashboard;
using ImmersiveLab.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace ImmersiveLab.Web.Tests.Dashboard;

/// <summary>The dashboard's logic without a browser: refreshing on a clock, and actions whose refusals become messages.</summary>
[Collection(nameof(LabWebCollection))]
public sealed class DashboardStateTests(LabWebFixture app)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private (DashboardState State, FakeTimeProvider Clock, ISnackbar Snackbar) NewState(Bunit.BunitContext ctx)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var snackbar = ctx.Services.GetRequiredService<ISnackbar>();
        var state = new DashboardState(app.Get<ClassDashboard>(), app.Get<ResumeRequests>(), snackbar,
            app.Services.GetRequiredService<IStringLocalizer<UiStrings>>(), clock, NullLogger<DashboardState>.Instance);
        return (state, clock, snackbar);
    }

    [Fact]
    public async Task It_reads_the_class_again_on_every_tick_until_stopped()
    {
        var cls = await app.NewClassAsync();
        await using var ctx = DashboardUi.Create(app);
        var (state, clock, _) = NewState(ctx);
        var changes = 0;
        state.Changed += () => Interlocked.Increment(ref changes);
        await state.StartAsync(cls.Id);
        Assert.Empty(state.View!.Learners);

        await app.Get<ClassJoiner>().JoinAsync(cls.Code, "Newcomer", Ct);
        var before = Volatile.Read(ref changes);
        clock.Advance(DashboardState.RefreshEvery);
        // The page hears of it (Changed comes right after the new view is in place).
        await WaitUntilAsync(() => state.View!.Learners.Count == 1 && Volatile.Read(ref changes) > before);

        state.Stop();
        await app.Get<ClassJoiner>().JoinAsync(cls.Code, "After", Ct);
        clock.Advance(DashboardState.RefreshEvery);
        clock.Advance(DashboardState.RefreshEvery);
        await Task.Yield();
        Assert.Single(state.View!.Learners);
    }

    [Fact]
    public async Task A_refused_action_is_a_message_and_a_missing_class_says_so()
    {
        var cls = await app.NewClassAsync();
        await using var ctx = DashboardUi.Create(app);
        var (state, _, snackbar) = NewState(ctx);
        await state.StartAsync(cls.Id);
        Assert.True(await state.RunAsync(() => app.Get<ClassStore>().PushStepAsync(cls.Id, "welcome", 1, Ct), "sent"));
        Assert.Equal(("sent", Severity.Success), Last(snackbar));

        Assert.False(await state.RunAsync(() => app.Get<ClassStore>().PushStepAsync(cls.Id, "no-such-lab", 1, Ct), "sent"));
        Assert.Equal(Severity.Warning, Last(snackbar).Severity);
        Assert.Contains("no-such-lab", Last(snackbar).Text);

        await app.Get<ClassStore>().DeleteAsync(cls.Id, Ct);
        await state.RefreshAsync();
        Assert.True(state.Missing);
        state.Stop();
    }

    private static (string? Text, Severity Severity) Last(ISnackbar snackbar) =>
        snackbar.ShownSnackbars.Select(s => (s.Message, s.Severity)).Last();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in 30 s");
            await Task.Delay(20);
        }
    }
}
