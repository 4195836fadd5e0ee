namespace ImmersiveLab.SqlAssist.Catalog;

public sealed record CatalogSchema(string Name, string? Comment);

public enum RelationKind { Table, View, MaterializedView, ForeignTable, PartitionedTable }

/// <summary>A column; <see cref="Type"/> as format_type writes it ("vector(1280)", "integer", "text").</summary>
public sealed record CatalogColumn(string Name, string Type, bool NotNull, string? Comment);

public sealed record CatalogRelation(string Schema, string Name, RelationKind Kind, string? Comment, IReadOnlyList<CatalogColumn> Columns);

public sealed record CatalogIndex(string Schema, string Name, string Table, string Method, string Definition);

public enum FunctionKind { Function, Aggregate, Window, Procedure }

/// <summary>
/// A callable function. <see cref="Arguments"/> is pg_get_function_arguments (names, types, defaults, modes),
/// <see cref="Result"/> pg_get_function_result ("double precision", "SETOF record", "TABLE(k integer, …)").
/// </summary>
public sealed record CatalogFunction(string Schema, string Name, FunctionKind Kind, string Arguments, string Result, bool ReturnsSet, string? Comment)
{
    private IReadOnlyList<FunctionParameter>? _parameters;

    public IReadOnlyList<FunctionParameter> Parameters => _parameters ??= FunctionParameter.Parse(Arguments);

    /// <summary>name(arguments) → result, as a signature reads.</summary>
    public string Signature => $"{Name}({Arguments}) → {Result}";
}

/// <summary>A type learners can write; <see cref="TakesModifier"/>: like vector(3) or varchar(20).</summary>
public sealed record CatalogType(string Schema, string Name, bool TakesModifier, string? Comment);

/// <summary>A setting a learner may SET (pg_settings with context 'user'); <see cref="Values"/> for enum settings.</summary>
public sealed record CatalogSetting(string Name, string Description, string Type, IReadOnlyList<string> Values, string? Unit, string Category);

public sealed record AccessMethod(string Name, string? Comment);

public sealed record OperatorClass(string Method, string Schema, string Name, string InputType, bool IsDefault);

/// <summary>An operator an index can order by (amoppurpose 'o'): the distance operators.</summary>
public sealed record OrderingOperator(string Name, string LeftType, string RightType, string ResultType, string Function);
