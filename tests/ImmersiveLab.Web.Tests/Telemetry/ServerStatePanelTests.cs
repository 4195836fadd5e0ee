using System.Globalization;
using Bunit;
using ImmersiveLab.TestSupport;
using ImmersiveLab.Web.Components.Pages.Instructor.Dashboard;
using ImmersiveLab.Web.Telemetry.ServerState;
using ImmersiveLab.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ImmersiveLab.Web.Tests.Telemetry;

/// <summary>The instructor's server panel with made-up numbers (a fake of the app's own <see cref="IServerState"/>).</summary>
public sealed class ServerStatePanelTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-08T09:00:00Z"));

    private sealed class FakeServerState(ServerStateSnapshot state) : IServerState
    {
        public ServerStateSnapshot State { get; set; } = state;
        public int Reads { get; private set; }
        public TimeSpan Refresh => TimeSpan.FromSeconds(5);

        public ServerStateSnapshot Current()
        {
            Reads++;
            return State;
        }
    }

    private static ServerStateSnapshot Saturated => new()
    {
        AsOf = DateTimeOffset.Parse("2026-12-08T09:00:00Z"),
        RunsPerMinute = 143,
        RunP95 = TimeSpan.FromSeconds(11.25),
        Window = TimeSpan.FromMinutes(5),
        AverageQueueWait = TimeSpan.FromSeconds(8),
        QueuedRuns = 37,
        RunningRuns = 4,
        RunSlots = 4,
        Cpu = 0.97,
        Cores = 2,
        AppMemoryBytes = 700L << 20,
        MachineMemoryUsedBytes = 6L << 30,
        MachineMemoryTotalBytes = 24L << 30,
        Sandboxes = 50,
        LearnersConnected = 48,
        Verdict = new ServerVerdict(ServerLoad.Saturated, ServerLoadReason.QueueWait, 8),
    };

    private Bunit.BunitContext Context(FakeServerState state) => LabUiContext.Create(RepoPaths.Labs, services =>
    {
        services.AddSingleton<IServerState>(state);
        services.AddSingleton<TimeProvider>(_time);
    });

    [Fact]
    public async Task A_saturated_server_is_said_plainly_with_its_numbers()
    {
        await using var ctx = Context(new FakeServerState(Saturated));

        var panel = ctx.Render<ServerStatePanel>();

        Assert.Equal("Saturated", panel.Find("[data-testid=server-state]").GetAttribute("data-load"));
        Assert.Contains("Runs wait 8.0 s on average: the server is saturated.", panel.Find("[data-testid=server-verdict]").TextContent);
        Assert.Contains("143", panel.Find("[data-testid=server-runs-per-minute]").TextContent);
        Assert.Contains("11.25 s", panel.Find("[data-testid=server-run-p95]").TextContent);
        Assert.Contains("last 5 min", panel.Find("[data-testid=server-run-p95]").TextContent);
        Assert.Contains("37 · 4 of 4 slots busy", panel.Find("[data-testid=server-queued]").TextContent);
        Assert.Contains("8.00 s", panel.Find("[data-testid=server-average-wait]").TextContent);
        Assert.Contains("97", panel.Find("[data-testid=server-cpu]").TextContent);
        Assert.Contains("2 cores", panel.Find("[data-testid=server-cpu]").TextContent);
        Assert.Contains("app 700 MB · machine 6.0 GB of 24.0 GB", panel.Find("[data-testid=server-memory]").TextContent);
        Assert.Contains("50", panel.Find("[data-testid=server-sandboxes]").TextContent);
        Assert.Contains("48", panel.Find("[data-testid=server-learners]").TextContent);
    }

    [Fact]
    public async Task The_panel_reads_the_numbers_again_every_few_seconds()
    {
        var state = new FakeServerState(Saturated);
        await using var ctx = Context(state);
        var panel = ctx.Render<ServerStatePanel>();

        state.State = Saturated with
        {
            RunsPerMinute = 12,
            AverageQueueWait = TimeSpan.Zero,
            QueuedRuns = 0,
            Cpu = 0.3,
            Verdict = new ServerVerdict(ServerLoad.Ok, ServerLoadReason.Quiet, 0),
        };
        _time.Advance(state.Refresh);

        panel.WaitForAssertion(() =>
        {
            Assert.Equal("Ok", panel.Find("[data-testid=server-state]").GetAttribute("data-load"));
            Assert.Contains("keeps up", panel.Find("[data-testid=server-verdict]").TextContent);
            Assert.Contains("12", panel.Find("[data-testid=server-runs-per-minute]").TextContent);
        });
        Assert.Equal(2, state.Reads);
    }

    [Fact]
    public async Task Before_any_run_there_is_nothing_to_measure_and_it_says_so()
    {
        await using var ctx = Context(new FakeServerState(Saturated with
        {
            RunP95 = null, AverageQueueWait = null, Cpu = null, Sandboxes = null, RunsPerMinute = 0,
            Verdict = new ServerVerdict(ServerLoad.Ok, ServerLoadReason.Quiet, 0),
        }));

        var panel = ctx.Render<ServerStatePanel>();

        Assert.Contains("no runs yet", panel.Find("[data-testid=server-run-p95]").TextContent);
        Assert.Contains("–", panel.Find("[data-testid=server-cpu]").TextContent);
    }

    [Fact]
    public async Task In_Chinese()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh");
        try
        {
            await using var ctx = Context(new FakeServerState(Saturated));

            var panel = ctx.Render<ServerStatePanel>();

            Assert.Contains("运行平均要等 8.0 秒：服务器已经饱和", panel.Find("[data-testid=server-verdict]").TextContent);
            Assert.Contains("每分钟运行次数", panel.Find("[data-testid=server-runs-per-minute]").TextContent);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
