namespace ImmersiveLab.IndexExplorer.Sql;

/// <summary>
/// One statement the explorer ran, as SQL a learner can paste into a cell. <see cref="Repetitions"/> &gt; 1 means the
/// same statement ran that many times with other values (e.g. once per query vector); <see cref="Sql"/> shows one.
/// </summary>
public sealed record TranscriptEntry(
    long Sequence,
    DateTimeOffset At,
    string Step,
    string Sql,
    string? Note = null,
    int Repetitions = 1)
{
    /// <summary>The statement with its note as a leading comment, terminated: ready for a cell.</summary>
    public string ToCellText()
    {
        var sql = Sql.TrimEnd().TrimEnd(';') + ";";
        var header = Note is null ? "" : string.Join('\n', Note.Split('\n').Select(l => "-- " + l)) + "\n";
        return header + sql;
    }
}
