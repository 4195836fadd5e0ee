using System.Globalization;
using ImmersiveLab.Classroom;
using ImmersiveLab.Sandbox.Quota;
using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.Labs;
using ImmersiveLab.Web.Resources;
using Microsoft.Extensions.Localization;

namespace ImmersiveLab.Web.Components.Pages.Instructor.Dashboard;

/// <summary>How the dashboard words what it shows, in the page's language.</summary>
public sealed class DashboardText(ILabCatalog catalog, IStringLocalizer<UiStrings> l)
{
    /// <summary>"Vectors · 3. Distances", the lab's introduction, or "not started".</summary>
    public string Where(LearnerStatus learner, string language)
    {
        if (learner.Place is not { } p) return l["Dashboard_NotStarted"];
        if (catalog.Find(p.LabId) is not { } lab) return $"{p.LabId} · {p.Step}";
        var step = lab.Document(language).Step(p.Step);
        return step is null ? $"{lab.Title.Get(language)} · {l["Dashboard_Intro"]}" : $"{lab.Title.Get(language)} · {step.Number}. {step.Title}";
    }

    public string LabTitle(string labId, string language) => catalog.Find(labId) is { } lab ? lab.Title.Get(language) : labId;

    /// <summary>The steps the class can be sent to: 0 (the introduction), then each step of the lab.</summary>
    public IReadOnlyList<(int Number, string Title)> StepsOf(string? labId, string language)
    {
        if (labId is null || catalog.Find(labId) is not { } lab) return [];
        return [(0, l["Dashboard_Intro"]), .. lab.Document(language).Steps.Select(s => (s.Number, s.Title))];
    }

    /// <summary>"Reset all: 5 reset, 1 failed."</summary>
    public string ResetSummary(IReadOnlyList<SandboxResetOutcome> outcomes) =>
        string.Format(l["Dashboard_ResetAllDone"], outcomes.Count(o => o.Succeeded), outcomes.Count(o => !o.Succeeded));

    /// <summary>"42 MB of 256 MB" (the sandbox's size against Sandbox:MaxSandboxSize), "42 MB" without a limit, or
    /// "not measured yet" before the first measurement.</summary>
    public string Storage(SandboxStorage? storage) => storage switch
    {
        null => l["Dashboard_StorageUnmeasured"],
        { LimitBytes: > 0 } s => string.Format(l["Dashboard_StorageOf"], Size(s.SizeBytes), Size(s.LimitBytes)),
        { } s => Size(s.SizeBytes),
    };

    /// <summary>How full the sandbox is, 0-100 (0 without a limit).</summary>
    public static double StoragePercent(SandboxStorage? storage) =>
        storage is { LimitBytes: > 0 } s ? Math.Min(100, 100.0 * s.SizeBytes / s.LimitBytes) : 0;

    private static string Size(long bytes) => bytes >= 1L << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GB")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(bytes / (double)(1L << 20)):0} MB");

    /// <summary>An error as long as a table cell allows.</summary>
    public static string Clip(string s) => s.Length <= 80 ? s : s[..77] + "…";
}
