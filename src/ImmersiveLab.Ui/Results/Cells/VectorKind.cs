namespace ImmersiveLab.Ui.Results.Cells;

/// <summary>The PostgreSQL type a vector-like value came from.</summary>
public enum VectorKind
{
    Vector,
    HalfVec,
    SparseVec,
    Bit,
    Cube,
    RealArray,
}
