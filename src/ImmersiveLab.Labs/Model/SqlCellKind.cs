namespace ImmersiveLab.Labs;

public enum SqlCellKind
{
    /// <summary>Runnable and editable (the default).</summary>
    Runnable,

    /// <summary>A demo: runnable, not editable (<c>readonly</c>).</summary>
    ReadOnly,

    /// <summary>Runs automatically when its step opens; read-only (<c>setup</c>).</summary>
    Setup,

    /// <summary>The learner writes the SQL; checks decide whether it is solved (<c>exercise</c>).</summary>
    Exercise,
}
