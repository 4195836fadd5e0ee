using System.Diagnostics;

namespace ImmersiveLab.Sandbox.Telemetry;

/// <summary>
/// The sandbox's trace spans (one activity source, as .NET libraries do: spans cost nothing while nobody listens)
/// and the names of its meter and attributes. Attribute values come from bounded sets only: never SQL text or a learner.
/// </summary>
public static class SandboxTelemetry
{
    public const string MeterName = "ImmersiveLab.Sandbox";
    public const string ActivitySourceName = "ImmersiveLab.Sandbox";

    public static ActivitySource Source { get; } = new(ActivitySourceName);

    // Span names.
    public const string AdmissionSpan = "immersivelab.run.admission";
    public const string ConnectSpan = "immersivelab.session.connect";
    public const string StatementSpan = "immersivelab.statement";
    public const string SandboxCreateSpan = "immersivelab.sandbox.create";

    // Attribute names.
    public const string OutcomeTag = "immersivelab.outcome";
    public const string CommandTag = "immersivelab.statement.command";
    public const string StatementIndexTag = "immersivelab.statement.index";
    public const string RowsTag = "immersivelab.statement.returned_rows";
    public const string ServerTag = "immersivelab.sandbox.server";
    public const string QueuePositionTag = "immersivelab.run.queue.position";
}
