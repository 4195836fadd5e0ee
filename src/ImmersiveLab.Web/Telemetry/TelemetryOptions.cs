namespace ImmersiveLab.Web.Telemetry;

/// <summary>
/// What the app measures and who may read it (section "Telemetry"). Nothing leaves the machine by default: metrics are
/// served at <see cref="MetricsOptions.Path"/> to this machine and the instructor, traces are off, and the OTLP exporter
/// is used only when the standard OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    public MetricsOptions Metrics { get; set; } = new();
    public TracingOptions Tracing { get; set; } = new();

    public sealed class MetricsOptions
    {
        /// <summary>Collect the app's, ASP.NET Core's, Blazor's, Npgsql's, the runtime's and the process's metrics and serve them.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>The Prometheus scrape endpoint.</summary>
        public string Path { get; set; } = "/metrics";

        /// <summary>Let any machine read the endpoint (a Prometheus server elsewhere). Off: this machine's own
        /// connections and the signed-in instructor only.</summary>
        public bool AllowRemote { get; set; }

        /// <summary>Blazor's per-component metrics (parameter updates, render diffs): one series per component type, off by default.</summary>
        public bool ComponentLifecycle { get; set; }
    }

    public sealed class TracingOptions
    {
        /// <summary>Record traces (a Run from the click to its answer, HTTP requests, Blazor events, SQL). Exported over OTLP when
        /// OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise they go nowhere.</summary>
        public bool Enabled { get; set; }

        /// <summary>Share of traces kept (0 to 1), decided where a trace starts; the spans of a kept trace are all kept.</summary>
        public double SamplingRatio { get; set; } = 1.0;
    }

    public string? Validate() =>
        Tracing.SamplingRatio is < 0 or > 1 or double.NaN ? "Telemetry:Tracing:SamplingRatio must be between 0 and 1."
        : string.IsNullOrWhiteSpace(Metrics.Path) || !Metrics.Path.StartsWith('/') ? "Telemetry:Metrics:Path must start with '/'."
        : null;
}
