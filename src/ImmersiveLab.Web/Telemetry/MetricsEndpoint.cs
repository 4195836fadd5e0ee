using Microsoft.AspNetCore.Builder;

namespace ImmersiveLab.Web.Telemetry;

public static class MetricsEndpoint
{
    /// <summary>
    /// GET /metrics (Telemetry:Metrics:Path): Prometheus text for a scraper on this machine or the signed-in instructor
    /// (<see cref="MetricsAccessPolicy"/>); anyone else is refused with 403.
    /// </summary>
    public static IEndpointRouteBuilder MapLabMetrics(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<TelemetryOptions>();
        if (!options.Metrics.Enabled) return endpoints;
        var policy = endpoints.ServiceProvider.GetRequiredService<MetricsAccessPolicy>();
        endpoints.MapPrometheusScrapingEndpoint(options.Metrics.Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (policy.Allows(context))
            {
                await next(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(
                "Metrics are served to this machine and the signed-in instructor (Telemetry:Metrics:AllowRemote lets other machines read them).\n");
        }), optionsName: null).AllowAnonymous(); // the policy above decides, not the classroom's sign-in
        return endpoints;
    }
}
