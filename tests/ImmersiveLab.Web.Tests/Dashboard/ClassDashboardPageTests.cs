using Bunit;
using ImmersiveLab.Classroom;
using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.Sandbox.Quota;
using ImmersiveLab.Web.Components.Pages.Instructor.Dashboard;
using ImmersiveLab.Web.Telemetry.ServerState;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ImmersiveLab.Web.Tests.Dashboard;

/// <summary>The dashboard's panels over a real class: look-alike names, requests to continue, reset all, removing a learner.</summary>
[Collection(nameof(LabWebCollection))]
public sealed class ClassDashboardPageTests(LabWebFixture app)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly CancellationToken Ct = CancellationToken.None;

    private async Task<JoinOutcome> JoinAsync(ClassInfo cls, string name)
    {
        var outcome = await app.Get<ClassJoiner>().JoinAsync(cls.Code, name, Ct);
        Assert.True(outcome.Joined, outcome.Message);
        return outcome;
    }

    private IRenderedComponent<MudDialogProvider>? _dialogs;

    private IRenderedComponent<ClassDashboardPage> Open(BunitContext ctx, ClassInfo cls)
    {
        ctx.Render<MudPopoverProvider>();
        _dialogs = ctx.Render<MudDialogProvider>();
        return ctx.Render<ClassDashboardPage>(p => p.Add(x => x.Id, cls.Id));
    }

    /// <summary>Clicks the confirming button of the message box the action opened.</summary>
    private void Confirm(string yes)
    {
        var dialogs = _dialogs!;
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog button")), Wait);
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == yes).Click();
    }

    [Fact]
    public async Task Look_alike_names_are_flagged_and_spelled_out()
    {
        var cls = await app.NewClassAsync();
        await JoinAsync(cls, "Ada");
        await JoinAsync(cls, "\u0410da"); // Cyrillic А
        await JoinAsync(cls, "Grace");
        await using var ctx = DashboardUi.Create(app);
        var page = Open(ctx, cls);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=look-alike-member]").Count), Wait);
        Assert.Contains(page.FindAll("[data-testid=look-alike-member]"), m => m.TextContent.Contains("[U+0410]da"));
        var flags = page.FindAll("[data-testid=learner-row]").ToDictionary(r => r.GetAttribute("data-learner")!, r => r.GetAttribute("data-look-alike"));
        Assert.Equal("true", flags["Ada"]);
        Assert.Equal("true", flags["\u0410da"]);
        Assert.Equal("false", flags["Grace"]);
    }

    [Fact]
    public async Task The_instructor_lets_in_a_browser_that_asks_to_continue_as_a_learner()
    {
        var cls = await app.NewClassAsync();
        await JoinAsync(cls, "Lin");
        var ticket = (await app.Get<ResumeRequests>().CreateAsync(cls.Code, "Lin", "192.0.2.44", Ct)).Ticket!;
        await using var ctx = DashboardUi.Create(app);
        var page = Open(ctx, cls);

        page.WaitForAssertion(() => Assert.Equal(ticket.Tag, page.Find("[data-testid=resume-request]").GetAttribute("data-tag")), Wait);
        Assert.Contains("192.0.2.44", page.Find("[data-testid=resume-request]").TextContent);
        page.Find("[data-testid=approve-request]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=resume-request]")), Wait);
        Assert.Equal(ResumeState.Approved, (await app.Get<ResumeRequests>().RedeemAsync(ticket, Ct)).State);
    }

    [Fact]
    public async Task Reset_all_says_per_learner_what_happened_and_goes_on_past_a_failure()
    {
        var cls = await app.NewClassAsync();
        var ok = await JoinAsync(cls, "Fine");
        var stuck = await JoinAsync(cls, "Stuck");
        foreach (var learner in new[] { ok.Learner!, stuck.Learner! }) await app.Get<SandboxProvisioner>().EnsureAsync(learner, Ct);
        await SetServerAsync(stuck.Learner!.Id, "gone"); // a sandbox on a server the lab no longer has
        try
        {
            await using var ctx = DashboardUi.Create(app);
            var page = Open(ctx, cls);
            page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=learner-row]").Count), Wait);
            page.Find("[data-testid=reset-all]").Click();
            Confirm("Reset");

            page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=reset-outcome]").Count), Wait);
            Assert.Equal("reset", page.Find("[data-testid=reset-outcome][data-learner=Fine]").GetAttribute("data-outcome"));
            var failed = page.Find("[data-testid=reset-outcome][data-learner=Stuck]");
            Assert.Equal("failed", failed.GetAttribute("data-outcome"));
            Assert.Contains("gone", failed.TextContent);
            Assert.Contains("1 reset, 1 failed", page.Find("[data-testid=reset-all-summary]").TextContent);
        }
        finally
        {
            await SetServerAsync(stuck.Learner!.Id, "default");
        }
    }

    [Fact]
    public async Task Removing_a_learner_and_closing_the_class_to_new_names()
    {
        var cls = await app.NewClassAsync();
        await JoinAsync(cls, "Stays");
        await JoinAsync(cls, "Squatter");
        await using var ctx = DashboardUi.Create(app);
        var page = Open(ctx, cls);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=learner-row]").Count), Wait);

        page.Find("[data-testid=learner-row][data-learner=Squatter] [data-testid=remove-learner]").Click();
        Confirm("Remove");
        page.WaitForAssertion(() => Assert.Equal(["Stays"], page.FindAll("[data-testid=learner-row]").Select(r => r.GetAttribute("data-learner"))), Wait);

        page.Find("input[data-testid=admit-new], [data-testid=admit-new] input").Change(false);
        page.WaitForAssertion(() => Assert.Equal("false", page.Find("[data-testid=admit-new]").GetAttribute("data-admits")), Wait);
        Assert.False((await app.Get<ClassStore>().GetAsync(cls.Id, Ct))!.AdmitsNewLearners);
        Assert.Equal(JoinRefusal.NotAdmitted, (await app.Get<ClassJoiner>().JoinAsync(cls.Code, "Late", Ct)).Refusal);
    }

    [Fact]
    public async Task The_token_panel_leads_to_the_rotation_page_and_back()
    {
        var cls = await app.NewClassAsync();
        await using var ctx = DashboardUi.Create(app);
        var page = Open(ctx, cls);
        page.WaitForAssertion(() => Assert.Equal($"/instructor/token?returnUrl=/instructor/classes/{cls.Id}",
            page.Find("[data-testid=rotate-token-link]").GetAttribute("href")), Wait);
    }

    [Fact]
    public async Task Each_learner_shows_sandbox_storage_against_the_limit_and_over_it_read_only()
    {
        var cls = await app.NewClassAsync();
        var now = DateTime.UtcNow;
        // As the maintenance sweep measured them (Sandbox:MaxSandboxSize = 256 MB).
        LearnerStatus Learner(string name, SandboxStorage? storage) =>
            new(Guid.NewGuid(), name, now, null, new Dictionary<string, int>(), 0, 0, null, now, TimeSpan.Zero, false, storage is not null, Storage: storage);
        var view = new ClassDashboardView(cls, [
            Learner("Small", new SandboxStorage(12L << 20, 256L << 20, now)),
            Learner("Full", new SandboxStorage(300L << 20, 256L << 20, now)),
            Learner("Unlimited", new SandboxStorage(3L << 30, 0, now)),
            Learner("Fresh", null),
        ], [], now);
        await using var ctx = DashboardUi.Create(app);
        ctx.Render<MudPopoverProvider>();

        var table = ctx.Render<LearnersTable>(p => p.Add(x => x.View, view).AddCascadingValue(ctx.Services.GetRequiredService<DashboardState>()));

        var over = table.Find("[data-testid=learner-row][data-learner=Full] [data-testid=learner-storage]");
        Assert.Contains("300 MB of 256 MB", over.TextContent);
        Assert.Equal("true", over.GetAttribute("data-over-limit"));
        Assert.Contains("over the limit: read-only", over.QuerySelector("[data-testid=learner-read-only]")!.TextContent);
        var fine = table.Find("[data-testid=learner-row][data-learner=Small] [data-testid=learner-storage]");
        Assert.Contains("12 MB of 256 MB", fine.TextContent);
        Assert.Equal("false", fine.GetAttribute("data-over-limit"));
        Assert.Empty(fine.QuerySelectorAll("[data-testid=learner-read-only]"));
        Assert.Contains("3.0 GB", table.Find("[data-testid=learner-row][data-learner=Unlimited] [data-testid=learner-storage]").TextContent);
        Assert.Contains("not measured yet", table.Find("[data-testid=learner-row][data-learner=Fresh] [data-testid=learner-storage]").TextContent);
    }

    [Fact]
    public async Task The_dashboard_says_plainly_when_the_class_has_outgrown_the_machine()
    {
        var cls = await app.NewClassAsync();
        await using var ctx = DashboardUi.Create(app, services => services.AddSingleton<IServerState>(new FixedServerState(new ServerStateSnapshot
        {
            AsOf = DateTimeOffset.UtcNow, RunsPerMinute = 143, RunP95 = TimeSpan.FromSeconds(11), Window = TimeSpan.FromMinutes(5),
            AverageQueueWait = TimeSpan.FromSeconds(8), QueuedRuns = 37, RunningRuns = 4, RunSlots = 4, Cpu = 0.97, Cores = 2,
            AppMemoryBytes = 700L << 20, Sandboxes = 50, LearnersConnected = 48,
            Verdict = new ServerVerdict(ServerLoad.Saturated, ServerLoadReason.QueueWait, 8),
        })));
        var page = Open(ctx, cls);

        page.WaitForAssertion(() => Assert.Equal("Saturated", page.Find("[data-testid=server-state]").GetAttribute("data-load")), Wait);
        Assert.Contains("The class has outgrown this machine", page.Find("[data-testid=server-verdict]").TextContent);
        Assert.Contains("37", page.Find("[data-testid=server-queued]").TextContent);
    }

    private sealed class FixedServerState(ServerStateSnapshot state) : IServerState
    {
        public TimeSpan Refresh => TimeSpan.FromMinutes(10);
        public ServerStateSnapshot Current() => state;
    }

    private async Task SetServerAsync(Guid learnerId, string key)
    {
        await using var cmd = app.Get<LabServer>().Metadata.CreateCommand("UPDATE sandboxes SET server_key = $2 WHERE learner_id = $1");
        cmd.Parameters.AddWithValue(learnerId);
        cmd.Parameters.AddWithValue(key);
        await cmd.ExecuteNonQueryAsync(Ct);
    }
}
