namespace ImmersiveLab.IndexExplorer.Indexes;

public enum DistanceMetric { L2, InnerProduct, Cosine }

/// <summary>pgvector's operator and operator class per metric.</summary>
public static class DistanceMetrics
{
    public static string Operator(this DistanceMetric m) => m switch
    {
        DistanceMetric.L2 => "<->",
        DistanceMetric.InnerProduct => "<#>",
        DistanceMetric.Cosine => "<=>",
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    public static string OperatorClass(this DistanceMetric m) => m switch
    {
        DistanceMetric.L2 => "vector_l2_ops",
        DistanceMetric.InnerProduct => "vector_ip_ops",
        DistanceMetric.Cosine => "vector_cosine_ops",
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    public static string ShortName(this DistanceMetric m) => m switch
    {
        DistanceMetric.L2 => "l2",
        DistanceMetric.InnerProduct => "ip",
        DistanceMetric.Cosine => "cos",
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    public static DistanceMetric? FromOperatorClass(string opclass) => opclass switch
    {
        "vector_l2_ops" => DistanceMetric.L2,
        "vector_ip_ops" => DistanceMetric.InnerProduct,
        "vector_cosine_ops" => DistanceMetric.Cosine,
        _ => null,
    };
}
