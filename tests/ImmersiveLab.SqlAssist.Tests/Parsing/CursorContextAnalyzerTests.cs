using ImmersiveLab.SqlAssist.Parsing;
using ImmersiveLab.SqlAssist.Tests.Support;

namespace ImmersiveLab.SqlAssist.Tests.Parsing;

public sealed class CursorContextAnalyzerTests
{
    private static CursorContext At(string marked)
    {
        var (text, offset) = Cursor.Parse(marked);
        return CursorContextAnalyzer.Analyze(text, offset);
    }

    private static IEnumerable<TableReference> TablesInScope(CursorContext c) => c.Scopes.SelectMany(s => s.Tables);

    [Theory]
    [InlineData("SELECT * FROM i|", "i")]
    [InlineData("SELECT * FROM |", "")]
    [InlineData("SELECT * FROM photos p JOIN |", "")]
    [InlineData("SELECT * FROM photos, sam|", "sam")]
    [InlineData("EXPLAIN ANALYZE SELECT * FROM |", "")]
    [InlineData("SELECT 1; SELECT * FROM |", "")]
    [InlineData("DELETE FROM |", "")]
    [InlineData("INSERT INTO im|", "im")]
    [InlineData("UPDATE |", "")]
    public void After_FROM_JOIN_INTO_and_UPDATE_a_table_is_wanted(string marked, string prefix)
    {
        var c = At(marked);
        Assert.Equal(AssistContextKind.Relation, c.Kind);
        Assert.Equal(prefix, c.Prefix);
        Assert.Empty(c.Qualifier);
    }

    [Fact]
    public void The_word_under_the_cursor_is_replaced_whole()
    {
        var (text, offset) = Cursor.Parse("SELECT * FROM im|g_raw WHERE true");
        var c = CursorContextAnalyzer.Analyze(text, offset);
        Assert.Equal("im", c.Prefix);
        Assert.Equal(text.IndexOf("img_raw", StringComparison.Ordinal), c.ReplaceStart);
        Assert.Equal(c.ReplaceStart + "img_raw".Length, c.ReplaceEnd);
    }

    [Fact]
    public void After_a_schema_and_a_dot_the_schema_qualifies_the_table()
    {
        var c = At("SELECT * FROM lab.sa|");
        Assert.Equal(AssistContextKind.Relation, c.Kind);
        Assert.Equal(["lab"], c.Qualifier);
        Assert.Equal("sa", c.Prefix);
    }

    [Theory]
    [InlineData("SELECT p.| FROM photos p", "p")]
    [InlineData("SELECT p.id FROM photos p WHERE p.|", "p")]
    [InlineData("SELECT * FROM photos p JOIN lab.sample_images s ON s.id = p.|", "p")]
    [InlineData("SELECT photos.| FROM photos", "photos")]
    public void After_an_alias_and_a_dot_its_columns_are_wanted(string marked, string alias)
    {
        var c = At(marked);
        Assert.Equal(AssistContextKind.Expression, c.Kind);
        Assert.Equal([alias], c.Qualifier);
        Assert.Contains(TablesInScope(c), t => t.ExposedName == alias);
    }

    [Fact]
    public void Tables_after_the_cursor_are_in_scope_with_their_aliases()
    {
        var c = At("SELECT | FROM photos AS p JOIN lab.sample_images s ON s.id = p.id, generate_series(1, 3) g(n)");
        Assert.Equal(AssistContextKind.Expression, c.Kind);
        var tables = TablesInScope(c).ToList();
        Assert.Equal(["p", "s", "g"], tables.Select(t => t.ExposedName));
        Assert.Equal("lab", tables[1].Schema);
        Assert.Equal(TableSourceKind.Function, tables[2].Kind);
        Assert.Equal(["n"], tables[2].ColumnAliases!);
    }

    [Fact]
    public void A_CTE_and_a_subquery_in_FROM_are_in_scope_with_their_select_lists()
    {
        var c = At("WITH q AS (SELECT embedding AS e, id FROM photos WHERE id = 1) SELECT q.| FROM q, (SELECT p.category, count(*) n FROM photos p GROUP BY 1) sub");
        Assert.Equal(["q"], c.Qualifier);
        var cte = Assert.Single(c.Scopes.SelectMany(s => s.Ctes));
        Assert.Equal("q", cte.Name);
        var inner = QueryShape.Parse(c.Syntax!, cte.Body);
        Assert.Equal(["e", "id"], inner.SelectItems.Select(i => i.Name));
        Assert.Equal("photos", Assert.Single(inner.Tables).Name);

        var sub = TablesInScope(c).Single(t => t.Alias == "sub");
        Assert.Equal(TableSourceKind.Subquery, sub.Kind);
        var subShape = QueryShape.Parse(c.Syntax!, sub.Query!);
        Assert.Equal(["category", "n"], subShape.SelectItems.Select(i => i.Name));
    }

    [Fact]
    public void A_subquery_sees_its_own_tables_and_those_around_it()
    {
        var c = At("SELECT * FROM photos p WHERE EXISTS (SELECT 1 FROM lab.sample_images s WHERE s.category = |)");
        Assert.Equal(AssistContextKind.Expression, c.Kind);
        Assert.Equal(["s", "p"], TablesInScope(c).Select(t => t.ExposedName));
    }

    [Fact]
    public void After_ORDER_BY_a_column_the_distance_operators_and_sort_words_fit()
    {
        var c = At("SELECT * FROM img_raw ORDER BY v |");
        Assert.Equal(AssistContextKind.AfterExpression, c.Kind);
        Assert.Equal("ORDER BY", c.Clause);
        Assert.Equal(["v"], c.Operand!.ColumnReference!);
        Assert.Contains("ASC", c.Keywords);
        Assert.Contains("LIMIT", c.Keywords);
    }

    [Fact]
    public void Typing_the_start_of_an_operator_after_a_column_asks_for_operators()
    {
        var c = At("SELECT * FROM img_raw ORDER BY r.v <|");
        Assert.Equal(AssistContextKind.AfterExpression, c.Kind);
        Assert.True(c.IsOperatorPrefix);
        Assert.Equal("<", c.Prefix);
        Assert.Equal(["r", "v"], c.Operand!.ColumnReference!);
    }

    [Fact]
    public void After_a_cast_the_operand_has_the_cast_type()
    {
        var c = At("SELECT '[1,2,3]'::vector(3) |");
        Assert.Equal(AssistContextKind.AfterExpression, c.Kind);
        Assert.Equal("vector", c.Operand!.CastType);
    }

    [Theory]
    [InlineData("SELECT * FROM img_raw ORDER BY |", "ORDER BY")]
    [InlineData("SELECT * FROM img_raw ORDER BY v <-> |", "ORDER BY")]
    [InlineData("SELECT id, |", "SELECT")]
    [InlineData("SELECT * FROM photos WHERE category = 'x' AND |", "WHERE")]
    [InlineData("SELECT lab.pattern_distance(|", "CALL")]
    [InlineData("SELECT count(*) FROM photos GROUP BY |", "GROUP BY")]
    public void After_an_operator_a_comma_or_a_clause_word_an_operand_is_wanted(string marked, string clause)
    {
        var c = At(marked);
        Assert.Equal(AssistContextKind.Expression, c.Kind);
        Assert.Equal(clause, c.Clause);
    }

    [Fact]
    public void After_a_select_item_FROM_is_offered()
    {
        var c = At("SELECT id |");
        Assert.Equal(AssistContextKind.AfterExpression, c.Kind);
        Assert.Contains("FROM", c.Keywords);
        Assert.Equal(AssistContextKind.AfterExpression, At("SELECT * |").Kind);
    }

    [Fact]
    public void After_a_table_in_FROM_the_next_clauses_are_offered()
    {
        var c = At("SELECT * FROM photos p |");
        Assert.Equal(AssistContextKind.Keywords, c.Kind);
        Assert.Contains("WHERE", c.Keywords);
        Assert.Contains("ON", At("SELECT * FROM photos p JOIN sample s |").Keywords);
    }

    [Theory]
    [InlineData("SET |")]
    [InlineData("SET LOCAL |")]
    [InlineData("RESET |")]
    [InlineData("SHOW |")]
    public void A_setting_name_is_wanted_in_SET_RESET_and_SHOW(string marked) =>
        Assert.Equal(AssistContextKind.SettingName, At(marked).Kind);

    [Fact]
    public void A_dotted_setting_name_is_a_qualified_setting()
    {
        var c = At("SET hnsw.ef|");
        Assert.Equal(AssistContextKind.SettingName, c.Kind);
        Assert.Equal(["hnsw"], c.Qualifier);
        Assert.Equal("ef", c.Prefix);
    }

    [Theory]
    [InlineData("SET hnsw.iterative_scan = |", "hnsw.iterative_scan")]
    [InlineData("SET LOCAL hnsw.iterative_scan TO rel|", "hnsw.iterative_scan")]
    [InlineData("set enable_seqscan = |", "enable_seqscan")]
    public void After_SET_name_equals_the_value_is_wanted(string marked, string setting)
    {
        var c = At(marked);
        Assert.Equal(AssistContextKind.SettingValue, c.Kind);
        Assert.Equal(setting, c.Setting);
    }

    [Fact]
    public void CREATE_INDEX_asks_for_the_table_the_method_the_columns_the_operator_class_and_the_options()
    {
        Assert.Equal(AssistContextKind.Relation, At("CREATE INDEX ON |").Kind);
        Assert.Equal(AssistContextKind.IndexMethod, At("CREATE INDEX items_v ON img_raw USING |").Kind);

        var column = At("CREATE INDEX ON img_raw USING hnsw (|");
        Assert.Equal(AssistContextKind.Column, column.Kind);
        Assert.Equal("img_raw", column.Table!.Name);
        Assert.Equal("hnsw", column.IndexMethod);

        var opclass = At("CREATE INDEX ON lab.img_raw USING hnsw (v vec|");
        Assert.Equal(AssistContextKind.OperatorClass, opclass.Kind);
        Assert.Equal("v", opclass.IndexedColumn);
        Assert.Equal("lab", opclass.Table!.Schema);

        var option = At("CREATE INDEX ON img_raw USING hnsw (v vector_l2_ops) WITH (m = 8, |");
        Assert.Equal(AssistContextKind.IndexOption, option.Kind);
        Assert.Equal("hnsw", option.IndexMethod);
    }

    [Theory]
    [InlineData("SELECT '[1,2]'::|")]
    [InlineData("CREATE TABLE img_raw (id int, v |")]
    [InlineData("CREATE TEMP TABLE t (v |")]
    [InlineData("ALTER TABLE photos ADD COLUMN v |")]
    [InlineData("ALTER TABLE photos ALTER COLUMN v TYPE |")]
    [InlineData("SELECT CAST(x AS |")]
    public void A_type_is_wanted_after_a_cast_a_new_column_and_ALTER_TYPE(string marked) =>
        Assert.Equal(AssistContextKind.Type, At(marked).Kind);

    [Theory]
    [InlineData("UPDATE photos SET |", "photos")]
    [InlineData("UPDATE photos SET a = 1, |", "photos")]
    [InlineData("INSERT INTO photos (|", "photos")]
    [InlineData("INSERT INTO photos (id, |", "photos")]
    [InlineData("ALTER TABLE photos DROP COLUMN |", "photos")]
    public void Where_only_one_table_fits_its_columns_are_wanted(string marked, string table)
    {
        var c = At(marked);
        Assert.Equal(AssistContextKind.Column, c.Kind);
        Assert.Equal(table, c.Table!.Name);
    }

    [Theory]
    [InlineData("SELECT 'it''s -- a string |'")]
    [InlineData("-- SELECT * FROM |")]
    [InlineData("/* SELECT * FROM | */")]
    [InlineData("SELECT $$ FROM | $$")]
    [InlineData("SELECT 12|34")]
    [InlineData("CREATE TABLE |")]
    public void Inside_strings_comments_numbers_and_new_names_nothing_is_offered(string marked) =>
        Assert.Equal(AssistContextKind.None, At(marked).Kind);

    [Theory]
    [InlineData("|")]
    [InlineData("SELECT 1; |")]
    [InlineData("SELECT 1;\n-- next\nSE|")]
    [InlineData("EXPLAIN |")]
    public void At_the_start_of_a_statement_its_first_word_is_wanted(string marked) =>
        Assert.Equal(AssistContextKind.StatementStart, At(marked).Kind);

    [Theory]
    [InlineData("DROP INDEX |", AssistContextKind.Index)]
    [InlineData("DROP TABLE IF EXISTS |", AssistContextKind.Relation)]
    [InlineData("TRUNCATE |", AssistContextKind.Relation)]
    [InlineData("REINDEX INDEX |", AssistContextKind.Index)]
    [InlineData("COMMENT ON TABLE |", AssistContextKind.Relation)]
    public void Statements_that_name_an_object_ask_for_one(string marked, AssistContextKind kind) =>
        Assert.Equal(kind, At(marked).Kind);
}
