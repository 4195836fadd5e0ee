using Microsoft.Playwright;

namespace ImmersiveLab.BrowserSupport;

/// <summary>Debian's Chromium as Playwright launches it here (no downloaded browser: LAB_CHROMIUM or /usr/bin/chromium).</summary>
public static class LabChromium
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("LAB_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
}
