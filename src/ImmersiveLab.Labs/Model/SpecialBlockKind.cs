namespace ImmersiveLab.Labs;

/// <summary>Blocks rendered by dedicated components rather than as a SQL cell.</summary>
public enum SpecialBlockKind
{
    /// <summary><c>gallery</c>: runs its SQL and shows the rows as image cards.</summary>
    Gallery,

    /// <summary><c>image-steps</c>: the image → vector walk-through for one sample image.</summary>
    ImageSteps,

    /// <summary><c>explain-compare</c>: two SELECTs separated by a <c>---</c> line, explained side by side.</summary>
    ExplainCompare,

    /// <summary><c>recall-chart</c>: the index explorer's recall vs latency chart.</summary>
    RecallChart,

    /// <summary><c>image-search</c>: search by upload/paste/pick, top-k by signature and by embedding.</summary>
    ImageSearch,
}
