using ImmersiveLab.Imaging;
using ImmersiveLab.IndexExplorer.Telemetry;
using ImmersiveLab.Sandbox.Telemetry;
using ImmersiveLab.Web.Telemetry.ServerState;
using ImmersiveLab.Workbook.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ImmersiveLab.Web.Telemetry;

/// <summary>
/// OpenTelemetry, in one place: which meters and activity sources are collected, the Prometheus endpoint's exporter, OTLP
/// when OTEL_EXPORTER_OTLP_ENDPOINT is set, and the in-process server state the instructor sees. The feature projects
/// only use System.Diagnostics (a meter each, an activity source each); only this host knows about exporters.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string ServiceName = "immersivelab";

    /// <summary>The app's meters: one per feature project.</summary>
    public static IReadOnlyList<string> LabMeters { get; } =
        [WorkbookTelemetry.MeterName, SandboxTelemetry.MeterName, ImagingMetrics.MeterName, ExplorerMetrics.MeterName, WebMetrics.MeterName];

    /// <summary>.NET 10's Blazor meters: browser events and navigation, circuits.</summary>
    public static IReadOnlyList<string> BlazorMeters { get; } =
        ["Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits"];

    /// <summary>Per-component parameter updates and render diffs (Telemetry:Metrics:ComponentLifecycle).</summary>
    public const string BlazorLifecycleMeter = "Microsoft.AspNetCore.Components.Lifecycle";

    /// <summary>The spans of a Run (the app's), Blazor's browser events and circuit starts.</summary>
    public static IReadOnlyList<string> ActivitySources { get; } =
    [
        WorkbookTelemetry.ActivitySourceName, SandboxTelemetry.ActivitySourceName,
        "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits",
    ];

    /// <summary>Npgsql's metrics keep only these attributes: every learner session is a data source of its own, and its
    /// pool name (the connection string) would make a series per learner.</summary>
    private static readonly string[] NpgsqlKeptTags = ["db.client.connection.state", "db.operation.name", "error.type", "db.response.status_code"];

    public static IServiceCollection AddLabTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.Validate() is { } invalid) throw new InvalidOperationException(invalid);
        services.AddSingleton(options);
        services.AddSingleton(new MetricsAccessPolicy(options.Metrics.AllowRemote));
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(
            serviceName: configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : ServiceName,
            serviceVersion: typeof(TelemetryServiceCollectionExtensions).Assembly.GetName().Version?.ToString()));
        if (options.Metrics.Enabled)
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter([.. LabMeters, .. BlazorMeters])
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddProcessInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddView(instrument => instrument.Meter.Name == "Npgsql" ? new MetricStreamConfiguration { TagKeys = NpgsqlKeptTags } : null)
                    .AddPrometheusExporter(o => o.ScrapeEndpointPath = options.Metrics.Path);
                if (options.Metrics.ComponentLifecycle) metrics.AddMeter(BlazorLifecycleMeter);
                if (otlp) metrics.AddOtlpExporter();
            });
        if (options.Tracing.Enabled)
            telemetry.WithTracing(tracing =>
            {
                tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.Tracing.SamplingRatio)))
                    .AddSource([.. ActivitySources])
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(options.Metrics.Path))
                    .AddNpgsql();
                if (otlp) tracing.AddOtlpExporter();
            });

        // What the instructor's panel reads, and who is connected.
        services.AddOptions<ServerStateOptions>().Bind(configuration.GetSection(ServerStateOptions.SectionName))
            .Validate(o => o.Validate() is null, "Telemetry:ServerState is invalid (see ServerStateOptions.Validate).").ValidateOnStart();
        services.AddSingleton<ConnectedLearners>();
        services.AddSingleton<WebMetrics>();
        services.AddScoped<CircuitHandler, CircuitTelemetryHandler>();
        services.AddSingleton<IMachineUsage, MachineUsage>();
        services.AddSingleton<ServerStateMonitor>();
        services.AddSingleton<IServerState>(sp => sp.GetRequiredService<ServerStateMonitor>());
        services.AddHostedService<TelemetryStartup>();
        return services;
    }
}
