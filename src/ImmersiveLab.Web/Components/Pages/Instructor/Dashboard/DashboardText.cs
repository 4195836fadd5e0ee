using ImmersiveLab.Classroom;
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

    /// <summary>An error as long as a table cell allows.</summary>
    public static string Clip(string s) => s.Length <= 80 ? s : s[..77] + "…";
}
