namespace ImmersiveLab.Bench.Classroom;

/// <summary>One cell of a lab as a learner runs it: its id in the lab file, its SQL, and whether it writes.</summary>
public sealed record LabQuery(string Id, string Sql, bool Writes);
