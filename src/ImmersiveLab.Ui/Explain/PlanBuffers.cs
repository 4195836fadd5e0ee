namespace ImmersiveLab.Ui.Explain;

/// <summary>Buffer counts of a plan node (EXPLAIN's BUFFERS option); all zero when it was not requested.</summary>
public sealed record PlanBuffers(long SharedHit, long SharedRead, long SharedDirtied, long SharedWritten, long TempRead, long TempWritten)
{
    public static readonly PlanBuffers None = new(0, 0, 0, 0, 0, 0);
    public long Total => SharedHit + SharedRead + TempRead;
}
