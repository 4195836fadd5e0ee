namespace ImmersiveLab.Bench.Classroom;

/// <summary>One measured run: which cell, how long the learner waited for the answer, how much of it in the queue.</summary>
public sealed record RunSample(string QueryId, int Learner, TimeSpan Latency, TimeSpan Queued, int QueuePosition, string? Error);
