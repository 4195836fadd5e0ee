using Npgsql;

namespace ImmersiveLab.SqlAssist.Catalog;

/// <summary>
/// Reads what the editor offers from the catalog, on a connection of the learner's own role (their session): what they
/// may see is what they get. Each part is one round trip; everything is schema-qualified, so a learner's search_path
/// or objects named like catalog tables change nothing. A learner who creates thousands of objects gets the first
/// <see cref="MaxRelations"/> relations and <see cref="MaxFunctions"/> functions (the part says it is truncated).
/// </summary>
public static class CatalogReader
{
    public const int MaxRelations = 1000;
    public const int MaxColumns = 20_000;
    public const int MaxFunctions = 2000;
    public const int MaxTypes = 500;
    public const int MaxIndexes = 1000;

    // Schemas of the learner's part: everything they may use except the system's, and of temp schemas only their own.
    private const string LearnerSchemas = """
        (n.oid = pg_catalog.pg_my_temp_schema()
         OR (n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'
             AND pg_catalog.has_schema_privilege(n.oid, 'USAGE')))
        """;

    private const string SystemSchemas = "n.nspname IN ('pg_catalog', 'information_schema')";

    // Objects an extension made (pgvector's, cube's, lo's functions and types in public) are the same in every sandbox
    // with the same extensions: they belong to the shared part, which keeps each learner's part (and its read) small.
    private static string ExtensionMember(string catalog, string oid) =>
        $"EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep WHERE dep.classid = 'pg_catalog.{catalog}'::pg_catalog.regclass AND dep.objid = {oid} AND dep.deptype = 'e')";

    // Built-in functions that implement operators, type I/O, casts, index support or selectivity are not meant to be
    // called by name; extensions' are kept (pgvector's l2_distance implements <-> and is documented to be called).
    private const string NotBuiltinPlumbing = """
        NOT EXISTS (SELECT 1 FROM pg_catalog.pg_operator o WHERE p.oid IN (o.oprcode::pg_catalog.oid, o.oprrest::pg_catalog.oid, o.oprjoin::pg_catalog.oid))
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_amproc ap WHERE ap.amproc::pg_catalog.oid = p.oid)
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_cast c WHERE c.castfunc = p.oid)
        AND coalesce(d.description, '') NOT LIKE 'implementation of %'
        """;

    private static string RelationsSql(string schemas, int limit) => $"""
        SELECT c.oid, n.nspname, c.relname, c.relkind, d.description
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = 0
        WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p') AND {schemas}
        ORDER BY n.nspname, c.relname
        LIMIT {limit}
        """;

    private static string ColumnsSql(string schemas, int relationLimit) => $"""
        WITH rel AS (
            SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p') AND {schemas}
            ORDER BY n.nspname, c.relname LIMIT {relationLimit})
        SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, d.description
        FROM rel JOIN pg_catalog.pg_attribute a ON a.attrelid = rel.oid
        LEFT JOIN pg_catalog.pg_description d ON d.objoid = a.attrelid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = a.attnum
        WHERE a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attrelid, a.attnum
        LIMIT {MaxColumns}
        """;

    private static string FunctionsSql(string schemas, string extra, int limit) => $"""
        SELECT n.nspname, p.proname, p.prokind, pg_catalog.pg_get_function_arguments(p.oid),
               coalesce(pg_catalog.pg_get_function_result(p.oid), ''), p.proretset, d.description
        FROM pg_catalog.pg_proc p
        JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        LEFT JOIN pg_catalog.pg_description d ON d.objoid = p.oid AND d.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objsubid = 0
        WHERE {schemas}
          AND p.prorettype NOT IN ('pg_catalog.internal'::pg_catalog.regtype, 'pg_catalog.cstring'::pg_catalog.regtype,
                'pg_catalog.trigger'::pg_catalog.regtype, 'pg_catalog.event_trigger'::pg_catalog.regtype,
                'pg_catalog.language_handler'::pg_catalog.regtype, 'pg_catalog.fdw_handler'::pg_catalog.regtype,
                'pg_catalog.index_am_handler'::pg_catalog.regtype, 'pg_catalog.table_am_handler'::pg_catalog.regtype,
                'pg_catalog.tsm_handler'::pg_catalog.regtype)
          AND NOT (p.proargtypes::pg_catalog.oid[] OPERATOR(pg_catalog.&&)
                   ARRAY['pg_catalog.internal'::pg_catalog.regtype, 'pg_catalog.cstring'::pg_catalog.regtype]::pg_catalog.oid[])
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t
                          WHERE p.oid IN (t.typinput::pg_catalog.oid, t.typoutput::pg_catalog.oid, t.typreceive::pg_catalog.oid, t.typsend::pg_catalog.oid,
                                          t.typmodin::pg_catalog.oid, t.typmodout::pg_catalog.oid, t.typanalyze::pg_catalog.oid))
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_aggregate g
                          WHERE p.oid IN (g.aggtransfn::pg_catalog.oid, g.aggfinalfn::pg_catalog.oid, g.aggcombinefn::pg_catalog.oid, g.aggserialfn::pg_catalog.oid,
                                          g.aggdeserialfn::pg_catalog.oid, g.aggmtransfn::pg_catalog.oid, g.aggminvtransfn::pg_catalog.oid, g.aggmfinalfn::pg_catalog.oid))
          {extra}
        ORDER BY n.nspname, p.proname, p.oid
        LIMIT {limit}
        """;

    private static string TypesSql(string schemas, int limit) => $"""
        SELECT n.nspname, t.typname, t.typmodin::pg_catalog.oid <> 0, d.description
        FROM pg_catalog.pg_type t
        JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
        LEFT JOIN pg_catalog.pg_description d ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objsubid = 0
        WHERE {schemas} AND t.typcategory <> 'A' AND t.typisdefined
          AND (t.typtype IN ('b', 'd', 'e', 'r', 'm')
               OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')))
        ORDER BY n.nspname, t.typname
        LIMIT {limit}
        """;

    // No arrays in what a learner's session reads: the first array value a connection reads costs its data source
    // ~200 KB of converters (measured), per learner. The search path comes as rows instead.
    private const string SessionSql = """
        SELECT pg_catalog.current_setting('server_version_num') || ':' ||
               coalesce((SELECT pg_catalog.string_agg(e.extname || ' ' || e.extversion, ',' ORDER BY e.extname) FROM pg_catalog.pg_extension e), ''),
               CASE WHEN pg_catalog.pg_my_temp_schema() <> 0 THEN pg_catalog.pg_my_temp_schema()::pg_catalog.regnamespace::pg_catalog.text END
        """;

    private const string SearchPathSql = """
        SELECT s::pg_catalog.text FROM pg_catalog.unnest(pg_catalog.current_schemas(true)) WITH ORDINALITY AS u(s, i) ORDER BY i
        """;

    private const string SchemasSql = """
        SELECT n.nspname, d.description
        FROM pg_catalog.pg_namespace n
        LEFT JOIN pg_catalog.pg_description d ON d.objoid = n.oid AND d.classoid = 'pg_catalog.pg_namespace'::pg_catalog.regclass
        WHERE pg_catalog.has_schema_privilege(n.oid, 'USAGE') AND n.nspname !~ '^pg_toast'
          AND (n.nspname !~ '^pg_temp_' OR n.oid = pg_catalog.pg_my_temp_schema())
        ORDER BY n.nspname
        """;

    private static string IndexesSql => $"""
        SELECT n.nspname, ci.relname, ct.relname, am.amname, pg_catalog.pg_get_indexdef(i.indexrelid)
        FROM pg_catalog.pg_index i
        JOIN pg_catalog.pg_class ci ON ci.oid = i.indexrelid
        JOIN pg_catalog.pg_class ct ON ct.oid = i.indrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = ci.relnamespace
        JOIN pg_catalog.pg_am am ON am.oid = ci.relam
        WHERE {LearnerSchemas}
        ORDER BY n.nspname, ci.relname
        LIMIT {MaxIndexes}
        """;

    private const string SettingsSql = """
        SELECT name, coalesce(short_desc, ''), vartype, coalesce(pg_catalog.array_to_string(enumvals, ','), ''), unit, category
        FROM pg_catalog.pg_settings WHERE context = 'user' ORDER BY name
        """;

    private const string AccessMethodsSql = """
        SELECT a.amname, d.description
        FROM pg_catalog.pg_am a
        LEFT JOIN pg_catalog.pg_description d ON d.objoid = a.oid AND d.classoid = 'pg_catalog.pg_am'::pg_catalog.regclass
        WHERE a.amtype = 'i' ORDER BY a.amname
        """;

    private const string OperatorClassesSql = """
        SELECT am.amname, n.nspname, c.opcname, pg_catalog.format_type(c.opcintype, NULL), c.opcdefault
        FROM pg_catalog.pg_opclass c
        JOIN pg_catalog.pg_am am ON am.oid = c.opcmethod
        JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace
        WHERE am.amtype = 'i' ORDER BY am.amname, c.opcname
        """;

    private const string OrderingOperatorsSql = """
        SELECT DISTINCT o.oprname, pg_catalog.format_type(o.oprleft, NULL), pg_catalog.format_type(o.oprright, NULL),
               pg_catalog.format_type(o.oprresult, NULL), p.proname
        FROM pg_catalog.pg_amop ao
        JOIN pg_catalog.pg_operator o ON o.oid = ao.amopopr
        JOIN pg_catalog.pg_proc p ON p.oid = o.oprcode
        WHERE ao.amoppurpose = 'o'
        ORDER BY 1, 2
        """;

    /// <summary>The learner's own part: one round trip.</summary>
    public static async Task<LearnerCatalogPart> ReadLearnerPartAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(SessionSql),
                new NpgsqlBatchCommand(SearchPathSql),
                new NpgsqlBatchCommand(SchemasSql),
                new NpgsqlBatchCommand(RelationsSql(LearnerSchemas, MaxRelations + 1)),
                new NpgsqlBatchCommand(ColumnsSql(LearnerSchemas, MaxRelations)),
                new NpgsqlBatchCommand(IndexesSql),
                new NpgsqlBatchCommand(FunctionsSql($"{LearnerSchemas} AND NOT {ExtensionMember("pg_proc", "p.oid")}", "", MaxFunctions + 1)),
                new NpgsqlBatchCommand(TypesSql($"{LearnerSchemas} AND NOT {ExtensionMember("pg_type", "t.oid")}", MaxTypes)),
            },
        };
        await using var r = await batch.ExecuteReaderAsync(ct);

        await r.ReadAsync(ct);
        var sharedKey = r.GetString(0);
        var tempSchema = r.IsDBNull(1) ? null : r.GetString(1);

        await r.NextResultAsync(ct);
        var searchPath = new List<string>();
        while (await r.ReadAsync(ct)) searchPath.Add(r.GetString(0));

        await r.NextResultAsync(ct);
        var schemas = new List<CatalogSchema>();
        while (await r.ReadAsync(ct)) schemas.Add(new CatalogSchema(r.GetString(0), NullableString(r, 1)));

        await r.NextResultAsync(ct);
        var relations = await ReadRelationHeadsAsync(r, ct);
        var truncated = relations.Count > MaxRelations;
        if (truncated) relations.RemoveAt(relations.Count - 1);

        await r.NextResultAsync(ct);
        var columns = await ReadColumnsAsync(r, ct);
        truncated |= columns.Total >= MaxColumns;

        await r.NextResultAsync(ct);
        var indexes = new List<CatalogIndex>();
        while (await r.ReadAsync(ct))
            indexes.Add(new CatalogIndex(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)));

        await r.NextResultAsync(ct);
        var functions = await ReadFunctionsAsync(r, ct);
        truncated |= functions.Count > MaxFunctions;
        if (functions.Count > MaxFunctions) functions.RemoveAt(functions.Count - 1);

        await r.NextResultAsync(ct);
        var types = await ReadTypesAsync(r, ct);

        return new LearnerCatalogPart(sharedKey, searchPath, tempSchema, schemas, Assemble(relations, columns.ByRelation), indexes,
            functions, types, truncated, DateTime.UtcNow);
    }

    /// <summary>The part every learner of this server version and extension set shares (with the extensions' functions and types): one round trip.</summary>
    public static async Task<SharedCatalogPart> ReadSharedPartAsync(NpgsqlConnection connection, string key, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(RelationsSql(SystemSchemas, 2000)),
                new NpgsqlBatchCommand(ColumnsSql(SystemSchemas, 2000)),
                new NpgsqlBatchCommand(FunctionsSql(
                    $"(({SystemSchemas} AND {NotBuiltinPlumbing}) OR ({LearnerSchemas} AND {ExtensionMember("pg_proc", "p.oid")}))", "", 10_000)),
                new NpgsqlBatchCommand(TypesSql($"({SystemSchemas} OR ({LearnerSchemas} AND {ExtensionMember("pg_type", "t.oid")}))", 1000)),
                new NpgsqlBatchCommand(SettingsSql),
                new NpgsqlBatchCommand(AccessMethodsSql),
                new NpgsqlBatchCommand(OperatorClassesSql),
                new NpgsqlBatchCommand(OrderingOperatorsSql),
            },
        };
        await using var r = await batch.ExecuteReaderAsync(ct);
        var relations = await ReadRelationHeadsAsync(r, ct);
        await r.NextResultAsync(ct);
        var columns = await ReadColumnsAsync(r, ct);
        await r.NextResultAsync(ct);
        var functions = await ReadFunctionsAsync(r, ct);
        await r.NextResultAsync(ct);
        var types = await ReadTypesAsync(r, ct);

        await r.NextResultAsync(ct);
        var settings = new List<CatalogSetting>();
        while (await r.ReadAsync(ct))
            settings.Add(new CatalogSetting(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries),
                NullableString(r, 4), r.GetString(5)));

        await r.NextResultAsync(ct);
        var methods = new List<AccessMethod>();
        while (await r.ReadAsync(ct)) methods.Add(new AccessMethod(r.GetString(0), NullableString(r, 1)));

        await r.NextResultAsync(ct);
        var classes = new List<OperatorClass>();
        while (await r.ReadAsync(ct))
            classes.Add(new OperatorClass(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetBoolean(4)));

        await r.NextResultAsync(ct);
        var operators = new List<OrderingOperator>();
        while (await r.ReadAsync(ct))
            operators.Add(new OrderingOperator(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)));

        return new SharedCatalogPart(key, Assemble(relations, columns.ByRelation), functions, types, settings, methods, classes, operators);
    }

    private sealed record RelationHead(uint Oid, string Schema, string Name, RelationKind Kind, string? Comment);

    private static async Task<List<RelationHead>> ReadRelationHeadsAsync(NpgsqlDataReader r, CancellationToken ct)
    {
        var heads = new List<RelationHead>();
        while (await r.ReadAsync(ct))
            heads.Add(new RelationHead(r.GetFieldValue<uint>(0), r.GetString(1), r.GetString(2), Kind(r.GetChar(3)), NullableString(r, 4)));
        return heads;
    }

    private static async Task<(Dictionary<uint, List<CatalogColumn>> ByRelation, int Total)> ReadColumnsAsync(NpgsqlDataReader r, CancellationToken ct)
    {
        var byRelation = new Dictionary<uint, List<CatalogColumn>>();
        var total = 0;
        while (await r.ReadAsync(ct))
        {
            var oid = r.GetFieldValue<uint>(0);
            if (!byRelation.TryGetValue(oid, out var list)) byRelation[oid] = list = [];
            list.Add(new CatalogColumn(r.GetString(1), r.GetString(2), r.GetBoolean(3), NullableString(r, 4)));
            total++;
        }
        return (byRelation, total);
    }

    private static async Task<List<CatalogFunction>> ReadFunctionsAsync(NpgsqlDataReader r, CancellationToken ct)
    {
        var functions = new List<CatalogFunction>();
        while (await r.ReadAsync(ct))
        {
            var kind = r.GetChar(2) switch { 'a' => FunctionKind.Aggregate, 'w' => FunctionKind.Window, 'p' => FunctionKind.Procedure, _ => FunctionKind.Function };
            functions.Add(new CatalogFunction(r.GetString(0), r.GetString(1), kind, r.GetString(3), r.GetString(4), r.GetBoolean(5), NullableString(r, 6)));
        }
        return functions;
    }

    private static async Task<List<CatalogType>> ReadTypesAsync(NpgsqlDataReader r, CancellationToken ct)
    {
        var types = new List<CatalogType>();
        while (await r.ReadAsync(ct)) types.Add(new CatalogType(r.GetString(0), r.GetString(1), r.GetBoolean(2), NullableString(r, 3)));
        return types;
    }

    private static List<CatalogRelation> Assemble(List<RelationHead> heads, Dictionary<uint, List<CatalogColumn>> columns) =>
        heads.Select(h => new CatalogRelation(h.Schema, h.Name, h.Kind, h.Comment,
            columns.TryGetValue(h.Oid, out var list) ? list : [])).ToList();

    private static RelationKind Kind(char relkind) => relkind switch
    {
        'v' => RelationKind.View,
        'm' => RelationKind.MaterializedView,
        'f' => RelationKind.ForeignTable,
        'p' => RelationKind.PartitionedTable,
        _ => RelationKind.Table,
    };

    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
