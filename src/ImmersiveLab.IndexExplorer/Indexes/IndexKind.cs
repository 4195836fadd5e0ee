namespace ImmersiveLab.IndexExplorer.Indexes;

public enum IndexKind
{
    /// <summary>pgvector's graph index: m, ef_construction; searched with hnsw.ef_search.</summary>
    Hnsw,
    /// <summary>pgvector's inverted lists: lists (k-means centres); searched with ivfflat.probes.</summary>
    IvfFlat,
    /// <summary>GiST on the cube copy of the vector (≤ 100 dimensions): exact nearest neighbours, no knob.</summary>
    Gist,
}
