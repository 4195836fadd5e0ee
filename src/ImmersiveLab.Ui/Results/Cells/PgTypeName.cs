namespace ImmersiveLab.Ui.Results.Cells;

/// <summary>
/// Normalises a column's type name for matching: Npgsql's display names may carry a schema ("public.vector"),
/// modifiers ("vector(3)", "bit(8)", "character varying(20)") or the internal array spelling ("_float4").
/// </summary>
public static class PgTypeName
{
    public static string Normalize(string? typeName)
    {
        if (string.IsNullOrWhiteSpace(typeName)) return "";
        var name = typeName.Trim().ToLowerInvariant();
        var isArray = name.EndsWith("[]", StringComparison.Ordinal);
        if (isArray) name = name[..^2];
        var paren = name.IndexOf('(');
        if (paren > 0) name = name[..paren].TrimEnd();
        var dot = name.LastIndexOf('.');
        if (dot >= 0 && !name.Contains('"')) name = name[(dot + 1)..];
        name = name.Trim('"');
        if (!isArray && name.StartsWith('_') && name.Length > 1) { name = name[1..]; isArray = true; }
        name = name switch
        {
            "float4" => "real",
            "float8" => "double precision",
            "int2" => "smallint",
            "int4" or "int" => "integer",
            "int8" => "bigint",
            "varbit" or "bit varying" => "bit",
            "bool" => "boolean",
            _ => name,
        };
        return isArray ? name + "[]" : name;
    }
}
