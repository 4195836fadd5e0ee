using ImmersiveLab.Classroom;
using ImmersiveLab.Web.Classroom;

namespace ImmersiveLab.Web.Endpoints;

/// <summary>GET /instructor/classes/{id}/progress.csv: the class's dashboard as a CSV download (instructor only).</summary>
public static class ClassProgressEndpoint
{
    public static IEndpointRouteBuilder MapClassProgressExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/instructor/classes/{id:guid}/progress.csv", async (Guid id, ClassDashboard dashboard, CancellationToken ct) =>
        {
            var view = await dashboard.GetAsync(id, ct);
            if (view is null) return Results.NotFound();
            var safeName = new string(view.Class.Name.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
            var file = $"{(safeName.Length > 0 ? safeName : "class")}-{view.Class.Code}-{view.AsOfUtc:yyyyMMdd-HHmm}.csv";
            // A byte-order mark so spreadsheet programs read learners' names (e.g. Chinese) as UTF-8.
            var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(ProgressCsv.Write(view))).ToArray();
            return Results.File(bytes, "text/csv; charset=utf-8", file);
        }).RequireAuthorization(LabAuth.InstructorPolicy);
        return app;
    }
}
