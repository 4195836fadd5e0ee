using ImmersiveLab.Database;
using ImmersiveLab.Database.Health;
using ImmersiveLab.Labs;
using ImmersiveLab.Web.Classroom;
using ImmersiveLab.Web.Learners;

namespace ImmersiveLab.Web.Endpoints;

public static class HealthEndpoint
{
    /// <summary>
    /// GET /health, for load balancers and monitoring: "ok" (200) or "degraded" (503: the database is not up yet or not
    /// answering, the embedding model is missing, or a lab failed to load), and nothing else for a stranger. The details
    /// (versions, server log and model paths) go to the signed-in instructor and to this machine (the operator, who can
    /// read those files anyway).
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (HttpContext http, LabServer server, DatabaseHealthMonitor database, ILabCatalog labs,
            IEnumerable<IHealthContributor> contributors, CancellationToken ct) =>
        {
            var status = server.Status;
            var healthy = status is not null && database.Current.IsUp && labs.Errors.Count == 0;
            var sections = new Dictionary<string, object?>();
            foreach (var c in contributors)
            {
                var section = await c.ReportAsync(ct);
                healthy &= section.Healthy;
                sections[c.Name] = section.Details;
            }
            var report = new Dictionary<string, object?> { ["status"] = healthy ? "ok" : "degraded" };
            if (MaySeeDetails(http))
            {
                report["postgres"] = status is null ? null : new
                {
                    mode = status.Mode == ServerMode.Embedded ? "embedded" : "external",
                    version = status.ServerVersion,
                    up = database.Current.IsUp,
                    logFile = status.LogFile,
                };
                report["pgvector"] = status?.PgvectorVersion;
                report["labs"] = new { count = labs.Labs.Count, formatErrors = labs.Errors.Count };
                foreach (var (name, details) in sections) report[name] = details;
            }
            return Results.Json(report, statusCode: healthy ? 200 : 503);
        }).AllowAnonymous();

        return endpoints;
    }

    public static bool MaySeeDetails(HttpContext http) => LearnerClaims.IsInstructor(http.User) || LoopbackRequest.Is(http);
}

/// <summary>One section of /health: whether that part is healthy, and its details (for the instructor and this machine only).</summary>
public sealed record HealthSection(bool Healthy, object? Details);

/// <summary>Adds a section to /health (e.g. "model").</summary>
public interface IHealthContributor
{
    string Name { get; }
    Task<HealthSection> ReportAsync(CancellationToken ct);
}
