using ImmersiveLab.Sandbox.Resources;

namespace ImmersiveLab.Sandbox.Messages;

/// <summary>Messages of the runner's own catalog (SandboxMessages.resx).</summary>
public static class SandboxText
{
    public static LabMessage Of(string code, params object?[] args) => LabMessage.Of<SandboxMessages>(code, args);

    /// <summary>"5 min" or "30 s".</summary>
    public static LabMessage Duration(TimeSpan t) =>
        t.TotalMinutes >= 1 ? Of("Duration_Minutes", t.TotalMinutes) : Of("Duration_Seconds", t.TotalSeconds);

    /// <summary>"3 rows" or "1 row".</summary>
    public static LabMessage Rows(long count) => count == 1 ? Of("Count_OneRow") : Of("Count_Rows", count);
}
