using System.Net;
using ImmersiveLab.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace ImmersiveLab.EndToEnd.Tests;

/// <summary>
/// The real app on a real loopback port (Kestrel), with its own embedded PostgreSQL in a temporary data
/// directory, and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class LabAppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Pages that died or failed in place, as the app logged them.</summary>
    public CircuitFailureLog Failures { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public string ScreenshotDirectory { get; } = Path.Combine(RepoPaths.Root, "TestResults", "screenshots");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:DataDirectory", _data.Path);
        builder.UseSetting("Database:EmbeddedSettings:shared_buffers", "128MB");
        builder.UseSetting("Database:EmbeddedSettings:fsync", "off");
        builder.UseSetting("Labs:LabsDirectory", RepoPaths.Labs);
        builder.UseSetting("Labs:SampleImagesDirectory", RepoPaths.SampleImages);
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.ConfigureLogging(logging => logging.AddProvider(Failures));
    }

    public async Task InitializeAsync()
    {
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("LAB_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A page in a fresh browser context (own cookies). <paramref name="remote"/>: every request carries
    /// X-Forwarded-For, so the app treats this browser as another machine of the classroom, not as loopback.</summary>
    public async Task<IPage> NewPageAsync(string? locale = null, bool remote = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            Locale = locale ?? "en-US",
            ExtraHTTPHeaders = remote ? new Dictionary<string, string> { ["X-Forwarded-For"] = "192.0.2.10" } : null,
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Saves a screenshot under TestResults/screenshots, and into docs/images when LAB_UPDATE_SCREENSHOTS=1.</summary>
    public async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        if (Environment.GetEnvironmentVariable("LAB_UPDATE_SCREENSHOTS") == "1")
            File.Copy(path, Path.Combine(RepoPaths.Root, "docs", "images", name), overwrite: true);
    }

    public new async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(nameof(LabAppCollection))]
public sealed class LabAppCollection : ICollectionFixture<LabAppFixture>;
