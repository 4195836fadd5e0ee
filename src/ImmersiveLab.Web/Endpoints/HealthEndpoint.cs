using ImmersiveLab.Database;
using ImmersiveLab.Labs;

namespace ImmersiveLab.Web.Endpoints;

public static class HealthEndpoint
{
    /// <summary>GET /health: the database, pgvector, the embedding model and the labs, as JSON.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (LabServer server, ILabCatalog labs, IEnumerable<IHealthContributor> contributors, CancellationToken ct) =>
        {
            var status = server.Status;
            var report = new Dictionary<string, object?>
            {
                ["status"] = status is null ? "starting" : "ok",
                ["postgres"] = status is null ? null : new
                {
                    mode = status.Mode == ServerMode.Embedded ? "embedded" : "external",
                    version = status.ServerVersion,
                    logFile = status.LogFile,
                },
                ["pgvector"] = status?.PgvectorVersion,
                ["labs"] = new { count = labs.Labs.Count, formatErrors = labs.Errors.Count },
            };
            foreach (var c in contributors) report[c.Name] = await c.ReportAsync(ct);
            return Results.Json(report, statusCode: status is null ? 503 : 200);
        }).AllowAnonymous(); // for load balancers and monitoring

        return endpoints;
    }
}

/// <summary>Adds a section to /health (e.g. "model").</summary>
public interface IHealthContributor
{
    string Name { get; }
    Task<object?> ReportAsync(CancellationToken ct);
}
