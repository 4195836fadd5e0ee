using Npgsql.PostgresTypes;

namespace ImmersiveLab.Sandbox.Execution;

/// <summary>How a result column is transferred and read.</summary>
internal enum ColumnKind
{
    /// <summary>Small fixed-size binary value read as its .NET type (bool, integers, floats, oid, uuid).</summary>
    Scalar,
    /// <summary>pgvector types, read as Pgvector.Vector/HalfVector/SparseVector (bounded by the type's size limit).</summary>
    Vector,
    /// <summary>bytea, streamed so that a huge value is never held whole.</summary>
    Bytes,
    /// <summary>Everything else, in PostgreSQL's text output (as psql shows it), streamed and capped.</summary>
    Text,
}

internal static class ColumnKinds
{
    // Built-in type OIDs are fixed across servers; extension types (vector) are recognised by name.
    private static readonly HashSet<uint> ScalarOids = [16, 20, 21, 23, 26, 700, 701, 2950]; // bool int8 int2 int4 oid float4 float8 uuid
    private const uint ByteaOid = 17;

    public static ColumnKind For(uint oid, PostgresType type) => oid switch
    {
        ByteaOid => ColumnKind.Bytes,
        _ when ScalarOids.Contains(oid) => ColumnKind.Scalar,
        _ when type is PostgresBaseType { Name: "vector" or "halfvec" or "sparsevec" } => ColumnKind.Vector,
        _ => ColumnKind.Text,
    };
}
