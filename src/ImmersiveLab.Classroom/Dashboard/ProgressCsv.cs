using System.Globalization;
using System.Text;

namespace ImmersiveLab.Classroom;

/// <summary>
/// The dashboard as CSV (RFC 4180) for a spreadsheet: one row per learner, one "solved" column per lab. Learner
/// names and error texts are typed by learners, so a cell a spreadsheet would run as a formula gets a leading quote.
/// </summary>
public static class ProgressCsv
{
    public static string Write(ClassDashboardView view)
    {
        var sb = new StringBuilder();
        var header = new List<string> { "learner", "joined_utc", "current_lab", "current_step", "exercises_solved", "exercises_total" };
        header.AddRange(view.Labs.Select(l => $"solved:{l.LabId} (of {l.Exercises})"));
        header.AddRange(["last_error_lab", "last_error_cell", "last_error", "last_error_utc", "last_active_utc", "idle_seconds"]);
        AppendRow(sb, header);
        foreach (var l in view.Learners)
        {
            var row = new List<string>
            {
                l.Name, Time(l.JoinedAtUtc), l.Place?.LabId ?? "", l.Place is { } p ? Number(p.Step) : "", Number(l.Solved), Number(l.Exercises),
            };
            row.AddRange(view.Labs.Select(lab => Number(l.SolvedByLab.GetValueOrDefault(lab.LabId))));
            row.AddRange([l.LastError?.LabId ?? "", l.LastError?.CellId ?? "", l.LastError?.Message ?? "",
                l.LastError is { } e ? Time(e.AtUtc) : "", Time(l.LastActiveUtc), Number((long)l.Idle.TotalSeconds)]);
            AppendRow(sb, row);
        }
        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, IEnumerable<string> cells)
    {
        sb.AppendJoin(',', cells.Select(Escape));
        sb.Append("\r\n");
    }

    internal static string Escape(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private static string Time(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
