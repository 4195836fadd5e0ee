using ImmersiveLab.BrowserSupport;
using Microsoft.Playwright;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>
/// A few Chromium processes; every learner gets a browser context of its own (own cookies, own circuit), spread over
/// them in turn. A learner's requests carry X-Forwarded-For with an address of their own, so the app sees another
/// machine of the classroom (which must join a class), not the local instructor.
/// </summary>
public sealed class ChromiumPool : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IReadOnlyList<IBrowser> _browsers;
    private readonly string _baseUrl;
    private int _next;

    private ChromiumPool(IPlaywright playwright, IReadOnlyList<IBrowser> browsers, string baseUrl)
    {
        _playwright = playwright;
        _browsers = browsers;
        _baseUrl = baseUrl;
    }

    public string Version => _browsers[0].Version;

    /// <param name="idle">
    /// Playwright's driver and the browsers in the idle scheduling class (<see cref="IdleScheduling"/>): the app and its
    /// database get the CPU first, as on a real class's server, where the learners' browsers run on their own machines.
    /// </param>
    /// <param name="nice">Without <paramref name="idle"/>: the nice value for the driver and the browsers (0: as the bench).</param>
    /// <param name="serverPid">The app: a child of the bench too, never reniced.</param>
    public static async Task<ChromiumPool> LaunchAsync(int browsers, string baseUrl, bool idle, int nice, int serverPid)
    {
        const string NodePath = "PLAYWRIGHT_NODEJS_PATH";
        var before = Environment.GetEnvironmentVariable(NodePath);
        var wrapper = idle ? IdleScheduling.DriverWrapper() : null;
        if (wrapper is not null) Environment.SetEnvironmentVariable(NodePath, wrapper);
        IPlaywright playwright;
        try
        {
            playwright = await Playwright.CreateAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable(NodePath, before);
            if (wrapper is not null) Directory.Delete(Path.GetDirectoryName(wrapper)!, recursive: true); // the driver runs already
        }
        var launched = new List<IBrowser>();
        for (var i = 0; i < browsers; i++) launched.Add(await LabChromium.LaunchAsync(playwright));
        if (!idle && nice != 0)
        {
            // Renderers for the contexts to come fork from the zygotes reniced here, and inherit the value.
            var table = ProcFs.All();
            var server = ProcFs.Tree(serverPid, table).Select(p => p.Pid).ToHashSet();
            foreach (var process in ProcFs.Tree(Environment.ProcessId, table).Where(p => p.Pid != Environment.ProcessId && !server.Contains(p.Pid)))
                ProcFs.Renice(process.Pid, nice);
        }
        return new ChromiumPool(playwright, launched, baseUrl);
    }

    /// <summary>The instructor's context: on the lab's own machine (loopback, no forwarding header).</summary>
    public Task<IBrowserContext> NewInstructorContextAsync() => NewContextAsync(_browsers[0], null);

    /// <summary>Learner number <paramref name="learner"/>'s context, from 198.18.0.0/15 (the range set aside for benchmarks).</summary>
    public Task<IBrowserContext> NewLearnerContextAsync(int learner)
    {
        var browser = _browsers[Interlocked.Increment(ref _next) % _browsers.Count];
        return NewContextAsync(browser, $"198.18.{learner / 250}.{learner % 250 + 1}");
    }

    private async Task<IBrowserContext> NewContextAsync(IBrowser browser, string? forwardedFor)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _baseUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
            ExtraHTTPHeaders = forwardedFor is null ? null : new Dictionary<string, string> { ["X-Forwarded-For"] = forwardedFor },
        });
        context.SetDefaultTimeout(60_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var browser in _browsers) await browser.DisposeAsync();
        _playwright.Dispose();
    }
}
