using ImmersiveLab.Sandbox.Maintenance;

namespace ImmersiveLab.Sandbox.Tests.Rules;

public sealed class WatchdogRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly SandboxOptions Options = new()
    {
        WatchdogHardLimit = TimeSpan.FromSeconds(60),
        WatchdogGrace = TimeSpan.FromSeconds(5),
        WatchdogIdleInTransactionLimit = TimeSpan.FromMinutes(10),
        IdleSessionTimeout = TimeSpan.FromMinutes(30),
        WatchdogMaxLocks = 1000,
        WatchdogMemoryLimit = "1GB",
        WatchdogAppMemoryLimit = "2GB",
        WatchdogApplicationLimits = new() { ["immersivelab-explorer"] = TimeSpan.FromMinutes(16) },
    };

    private static readonly WatchdogThresholds Thresholds = WatchdogThresholds.From(Options);

    private static BackendSnapshot Backend(string state = "idle", TimeSpan? running = null, TimeSpan? idle = null, long locks = 3, string? role = "lrn_1") =>
        new(42, 16400, role, 16500, state, false, Now.AddHours(-1), running is null ? null : Now - running.Value, running, idle ?? TimeSpan.Zero, locks);

    private static WatchdogDecision? Decide(BackendSnapshot b, (DateTime, DateTime)? cancelled = null) => WatchdogRules.Decide(b, Thresholds, cancelled, Now);

    [Fact]
    public void An_ordinary_backend_is_left_alone()
    {
        Assert.Null(Decide(Backend("active", running: TimeSpan.FromSeconds(2))));
        Assert.Null(Decide(Backend("idle", idle: TimeSpan.FromMinutes(5))));
        Assert.Null(Decide(Backend("idle in transaction", idle: TimeSpan.FromMinutes(2))));
    }

    [Fact]
    public void Too_many_locks_end_a_backend_at_once_even_idle_and_even_unnamed()
    {
        var d = Decide(Backend("idle", locks: 1001))!;
        Assert.Equal(WatchdogStep.Terminate, d.Step);
        Assert.Contains("held 1,001 locks; the limit is 1,000", d.Reason);
        Assert.Equal(WatchdogStep.Terminate, Decide(Backend("idle", locks: 50_000, role: null))!.Step);
        // An unnamed backend (role created after the lock table filled) is judged on its locks only.
        Assert.Null(Decide(Backend("active", running: TimeSpan.FromHours(1), role: null)));
    }

    [Fact]
    public void Private_memory_past_the_limit_ends_a_backend_and_the_apps_own_get_their_own_limit()
    {
        var big = Backend("active", running: TimeSpan.FromSeconds(3)) with { MemoryBytes = 1536L << 20 };
        var d = Decide(big)!;
        Assert.Equal(WatchdogStep.Terminate, d.Step);
        Assert.Contains("used 1536 MB of server memory; the limit is 1 GB", d.Reason);
        Assert.Null(Decide(big with { AppPurpose = "immersivelab-explorer" }));
        Assert.Equal(WatchdogStep.Terminate, Decide(big with { AppPurpose = "immersivelab-explorer", MemoryBytes = 3L << 30 })!.Step);
        Assert.Equal(WatchdogStep.Terminate, Decide(big with { IsParallelWorker = true })!.Step);
    }

    [Fact]
    public void A_statement_past_the_hard_limit_is_cancelled_then_ended_after_the_grace_period()
    {
        var b = Backend("active", running: TimeSpan.FromSeconds(61));
        var cancel = Decide(b)!;
        Assert.Equal(WatchdogStep.Cancel, cancel.Step);
        Assert.Contains("active longer than 60 s", cancel.Reason);
        Assert.Null(Decide(b, (b.QueryStart!.Value, Now.AddSeconds(-2))));
        Assert.Equal(WatchdogStep.Terminate, Decide(b, (b.QueryStart!.Value, Now.AddSeconds(-6)))!.Step);
        // A new statement of the same backend starts over with a cancel.
        Assert.Equal(WatchdogStep.Cancel, Decide(b, (b.QueryStart!.Value.AddSeconds(-100), Now.AddSeconds(-6)))!.Step);
        // Parallel workers answer through their leader.
        Assert.Null(Decide(b with { IsParallelWorker = true }));
    }

    [Fact]
    public void Only_a_backend_the_app_registered_gets_its_applications_longer_limit()
    {
        var b = Backend("active", running: TimeSpan.FromMinutes(5));
        Assert.Equal(WatchdogStep.Cancel, Decide(b)!.Step);
        Assert.Null(Decide(b with { AppPurpose = "immersivelab-explorer" }));
        Assert.Equal(WatchdogStep.Cancel, Decide(b with { AppPurpose = "immersivelab-explorer", Running = TimeSpan.FromMinutes(17) })!.Step);
        Assert.Equal(WatchdogStep.Cancel, Decide(b with { AppPurpose = "some-other-app" })!.Step);
    }

    [Theory]
    [InlineData("idle in transaction")]
    [InlineData("idle in transaction (aborted)")]
    public void A_transaction_left_open_too_long_is_ended(string state)
    {
        var d = Decide(Backend(state, idle: TimeSpan.FromMinutes(11)))!;
        Assert.Equal(WatchdogStep.Terminate, d.Step);
        Assert.Contains("idle in a transaction", d.Reason);
    }

    [Fact]
    public void An_idle_session_that_turned_its_timeout_off_is_ended_a_grace_period_after_it()
    {
        Assert.Null(Decide(Backend("idle", idle: TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(4))));
        var d = Decide(Backend("idle", idle: TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(5)))!;
        Assert.Equal(WatchdogStep.Terminate, d.Step);
        Assert.Contains("idle for more than 30 min", d.Reason);
        var none = WatchdogThresholds.From(new SandboxOptions { IdleSessionTimeout = TimeSpan.Zero });
        Assert.Null(WatchdogRules.Decide(Backend("idle", idle: TimeSpan.FromDays(1)), none, null, Now));
    }
}
