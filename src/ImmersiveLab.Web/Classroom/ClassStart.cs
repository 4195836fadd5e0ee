using ImmersiveLab.Classroom;

namespace ImmersiveLab.Web.Classroom;

/// <summary>Where a learner lands after joining.</summary>
public static class ClassStart
{
    /// <summary>The step the class was last sent to, else the home page with the class's labs.</summary>
    public static string Of(ClassInfo cls) =>
        cls.Push is { } p && cls.Includes(p.LabId) && !cls.IsLocked(p.LabId) ? (p.Step <= 0 ? $"/labs/{p.LabId}" : $"/labs/{p.LabId}/{p.Step}") : "/";

    /// <summary>The page that shows a new learner their resume code once, then continues to <paramref name="next"/>.</summary>
    public static string Welcome(string next) => "/welcome?next=" + Uri.EscapeDataString(next);
}
