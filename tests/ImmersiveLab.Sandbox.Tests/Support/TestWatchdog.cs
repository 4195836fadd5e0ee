using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Maintenance;
using Microsoft.Extensions.Logging;

namespace ImmersiveLab.Sandbox.Tests.Support;

/// <summary>A watchdog with second-scale limits, sweeping in the background while a test runs.</summary>
public sealed class TestWatchdog : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<WatchdogAction> _actions = [];

    public TestWatchdog(LabServer server, TimeSpan hardLimit, TimeSpan grace, TimeSpan idleInTransactionLimit,
        Dictionary<string, TimeSpan>? applicationLimits = null)
        : this(server, new SandboxOptions
        {
            WatchdogHardLimit = hardLimit,
            WatchdogGrace = grace,
            WatchdogIdleInTransactionLimit = idleInTransactionLimit,
            WatchdogApplicationLimits = applicationLimits ?? [],
        })
    {
    }

    /// <summary>A watchdog with these options (failures are logged to the console, actions kept).</summary>
    public TestWatchdog(LabServer server, SandboxOptions options)
    {
        Watchdog = new Watchdog(server, Microsoft.Extensions.Options.Options.Create(options), ConsoleLogger.Instance);
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var done = await Watchdog.SweepAsync(CancellationToken.None);
                lock (_actions) _actions.AddRange(done);
                try { await Task.Delay(200, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public Watchdog Watchdog { get; }

    public IReadOnlyList<WatchdogAction> Actions
    {
        get { lock (_actions) return _actions.ToList(); }
    }

    /// <summary>
    /// The actions once one matches (or after <paramref name="patience"/>): a sweep records its actions only when it
    /// ends, which can be after the signalled statement has already returned to the test.
    /// </summary>
    public async Task<IReadOnlyList<WatchdogAction>> ActionsOnceAsync(Func<WatchdogAction, bool> match, TimeSpan? patience = null)
    {
        var until = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(10));
        while (!Actions.Any(match) && DateTime.UtcNow < until) await Task.Delay(50);
        return Actions;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        Watchdog.Dispose();
    }
}

/// <summary>Warnings and errors of the code under test, on the test output's console.</summary>
internal static class ConsoleLogger
{
    private static readonly ILoggerFactory Factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddConsole());

    public static ILogger<Watchdog> Instance { get; } = Factory.CreateLogger<Watchdog>();

    public static ILogger<T> For<T>() => Factory.CreateLogger<T>();
}
