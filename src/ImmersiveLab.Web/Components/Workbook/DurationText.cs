using ImmersiveLab.Web.Resources;
using Microsoft.Extensions.Localization;

namespace ImmersiveLab.Web.Components.Workbook;

/// <summary>Time spent as a learner reads it: "under a minute", "12 min", "1 h 5 min".</summary>
public static class DurationText
{
    public static string Format(TimeSpan time, IStringLocalizer<UiStrings> l) => time.TotalMinutes switch
    {
        < 1 => l["Duration_LessThanMinute"],
        < 60 => string.Format(l["Duration_Minutes"], (int)time.TotalMinutes),
        _ => string.Format(l["Duration_HoursMinutes"], (int)time.TotalHours, time.Minutes),
    };
}
