namespace ImmersiveLab.SqlAssist;

/// <summary>The SQL editor's completion, hover and signature help. Bound from the "SqlAssist" section.</summary>
public sealed class SqlAssistOptions
{
    public const string SectionName = "SqlAssist";

    /// <summary>False turns the help off for everyone (each learner can also turn it off in their editor).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A learner's catalog is read again after this long even without DDL of theirs (objects made elsewhere: the index explorer, another app instance).</summary>
    public TimeSpan MaxCatalogAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a request waits for a catalog being read before it answers with what it has (and says it is incomplete).</summary>
    public TimeSpan RefreshWait { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>A catalog read (including a first sandbox's creation) is abandoned after this long.</summary>
    public TimeSpan RefreshTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>After a read could not run (the learner's cell was running, an open transaction), the next try waits this long.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A learner's cached catalog is dropped after this long without a request.</summary>
    public TimeSpan IdleEviction { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Most items in one completion list; a longer list is cut (best first) and marked incomplete, so typing more asks again.</summary>
    public int MaxItems { get; set; } = 400;
}
