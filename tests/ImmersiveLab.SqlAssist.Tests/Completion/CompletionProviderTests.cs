using ImmersiveLab.SqlAssist.Catalog;
using ImmersiveLab.SqlAssist.Completion;
using ImmersiveLab.SqlAssist.Parsing;
using ImmersiveLab.SqlAssist.Tests.Support;

namespace ImmersiveLab.SqlAssist.Tests.Completion;

/// <summary>Completion against a real learner's catalog (img_raw, photos, cats, my_norm, lab.*, pgvector, cube).</summary>
[Collection(nameof(AssistCollection))]
public sealed class CompletionProviderTests(AssistFixture fixture)
{
    private CompletionList Complete(string marked, string language = "en", SqlCatalog? catalog = null, CatalogFreshness freshness = CatalogFreshness.Fresh)
    {
        var (text, offset) = Cursor.Parse(marked);
        var context = CursorContextAnalyzer.Analyze(text, offset);
        return fixture.Get<SqlCompletionProvider>().Complete(context, catalog ?? fixture.Catalog, freshness, language, 400);
    }

    private static CompletionItem Item(CompletionList list, string label) =>
        list.Items.FirstOrDefault(i => i.Label == label) ?? throw new Xunit.Sdk.XunitException(
            $"no {label} among {string.Join(", ", list.Items.Take(40).Select(i => i.Label))}");

    private static List<string> Labels(CompletionList list) => list.Items.Select(i => i.Label).ToList();

    [Fact]
    public void After_FROM_the_learners_own_tables_come_first_then_the_labs_then_the_systems()
    {
        var list = Complete("SELECT * FROM i|");
        Assert.Equal("img_raw", list.Items[0].Label);
        Assert.Equal(CompletionItemKind.Table, list.Items[0].Kind);
        Assert.Equal("img_raw", list.Items[0].InsertText);
        Assert.Contains("Raw pictures", list.Items[0].Documentation);
        Assert.Contains("`v` vector(3)", list.Items[0].Documentation);
        var labels = Labels(list);
        var lab = labels.IndexOf("lab.sample_images");
        Assert.True(lab > 0, "lab.sample_images is offered qualified (filtered by its own name)");
        Assert.Equal("sample_images", Item(list, "lab.sample_images").FilterText);
        Assert.True(labels.IndexOf("information_schema") > lab);
        Assert.True(labels.IndexOf("pg_index") > lab);
        Assert.Equal(14, list.ReplaceStart);
        Assert.Equal(15, list.ReplaceEnd);
        Assert.False(list.IsIncomplete);
    }

    [Fact]
    public void After_FROM_views_schemas_and_set_returning_functions_are_offered_too()
    {
        var list = Complete("SELECT * FROM |");
        Assert.Equal(CompletionItemKind.View, Item(list, "cats").Kind);
        var schema = Item(list, "lab");
        Assert.Equal("lab.", schema.InsertText);
        Assert.True(schema.TriggersSuggest);
        Assert.True(Item(list, "lab.pattern_cells").TriggersSignatureHelp);
        Assert.Contains("generate_series", Labels(list));
        Assert.DoesNotContain("l2_distance", Labels(list)); // not a set-returning function
    }

    [Fact]
    public void After_a_schema_and_a_dot_its_tables_are_offered_unqualified()
    {
        var list = Complete("SELECT * FROM lab.|");
        Assert.Equal("sample_images", Item(list, "sample_images").InsertText);
        Assert.DoesNotContain("img_raw", Labels(list));
    }

    [Fact]
    public void After_an_alias_and_a_dot_only_that_tables_columns_with_their_types()
    {
        var list = Complete("SELECT p.| FROM photos p");
        Assert.Equal(["category", "code", "embedding", "id", "sig"], Labels(list).Order());
        Assert.Equal("vector(1280)", Item(list, "embedding").Detail);
        Assert.All(list.Items, i => Assert.Equal(CompletionItemKind.Column, i.Kind));
    }

    [Fact]
    public void In_the_select_list_the_columns_of_every_table_in_scope_come_first_and_shared_names_also_qualified()
    {
        var list = Complete("SELECT | FROM photos p JOIN img_raw r ON r.id = p.id");
        Assert.Equal(CompletionItemKind.Column, list.Items[0].Kind);
        Assert.Contains("p.id", Labels(list));
        Assert.Contains("r.id", Labels(list));
        Assert.Equal("vector(3) · r", Item(list, "v").Detail);
        Assert.Equal("p.", Item(list, "p").InsertText);
        Assert.Contains("l2_distance", Labels(list));
        Assert.Contains("lab.pattern_distance", Labels(list));
        Assert.Contains("CASE", Labels(list));
    }

    [Fact]
    public void Functions_show_their_argument_lists_and_open_their_parentheses()
    {
        var list = Complete("SELECT lab.|");
        var distance = Item(list, "pattern_distance");
        Assert.Equal("pattern_distance(a vector, b vector) → real", distance.Detail);
        Assert.Equal("pattern_distance($0)", distance.InsertText);
        Assert.True(distance.InsertAsSnippet);
        Assert.True(distance.TriggersSignatureHelp);
        Assert.Contains("Taught in [From picture to numbers", distance.Documentation);

        var weights = Item(list, "pattern_weights");
        Assert.Equal("pattern_weights()", weights.InsertText);
        Assert.False(weights.TriggersSignatureHelp);

        var l2 = Item(Complete("SELECT l2_d|"), "l2_distance");
        Assert.Contains("(+", l2.Detail); // vector, halfvec and sparsevec overloads in one item
        Assert.Contains("<->", l2.Documentation);
        Assert.Equal("my_norm(x vector) → double precision", Item(Complete("SELECT my|"), "my_norm").Detail);
    }

    [Fact]
    public void After_ORDER_BY_a_vector_column_its_distance_operators_are_explained()
    {
        var list = Complete("SELECT * FROM photos ORDER BY embedding |");
        var ops = list.Items.Where(i => i.Kind == CompletionItemKind.Operator).Select(i => i.Label).ToHashSet();
        Assert.Equal(new HashSet<string> { "<->", "<#>", "<=>", "<+>" }, ops);
        var cosine = Item(list, "<=>");
        Assert.Equal("vector <=> vector → double precision", cosine.Detail);
        Assert.Contains("Cosine distance", cosine.Documentation);
        Assert.Contains("Taught in [Vectors: types, functions, operators · step", cosine.Documentation);
        Assert.Equal("<=> ", cosine.InsertText);
        Assert.Contains("ASC", Labels(list));
        Assert.Contains("LIMIT", Labels(list));
    }

    [Fact]
    public void The_operators_follow_the_operands_type_bit_and_cube_have_their_own()
    {
        var bit = Complete("SELECT * FROM photos ORDER BY code |");
        Assert.Equal(new HashSet<string> { "<~>", "<%>" }, bit.Items.Where(i => i.Kind == CompletionItemKind.Operator).Select(i => i.Label).ToHashSet());
        Assert.Contains("Hamming", Item(bit, "<~>").Documentation);

        var cube = Complete("SELECT * FROM photos p ORDER BY p.sig |");
        Assert.Contains("taxicab", Item(cube, "<#>").Documentation);

        var typed = Complete("SELECT * FROM img_raw ORDER BY v <|");
        Assert.All(typed.Items, i => Assert.Equal(CompletionItemKind.Operator, i.Kind));
        Assert.Equal(typed.ReplaceStart + 1, typed.ReplaceEnd);
        Assert.DoesNotContain(Complete("SELECT * FROM img_raw ORDER BY id |").Items, i => i.Kind == CompletionItemKind.Operator);
    }

    [Fact]
    public void Inside_SET_the_settings_pgvector_adds_come_first_with_their_explanation()
    {
        var list = Complete("SET |");
        Assert.StartsWith("hnsw.", list.Items[0].Label);
        var ef = Item(list, "hnsw.ef_search");
        Assert.Contains("candidate list", ef.Documentation);
        Assert.Contains("/labs/hnsw-ivfflat/", ef.Documentation);
        Assert.Contains("ivfflat.probes", Labels(list));
        Assert.Contains("work_mem", Labels(list));
        Assert.Contains("LOCAL", Labels(list));

        var dotted = Complete("SET hnsw.|");
        Assert.Equal("ef_search", Item(dotted, "hnsw.ef_search").InsertText);
        Assert.DoesNotContain("ivfflat.probes", Labels(dotted));

        Assert.Equal(["off", "relaxed_order", "strict_order", "DEFAULT"], Labels(Complete("SET hnsw.iterative_scan = |")));
        Assert.Equal(["DEFAULT", "off", "on"], Labels(Complete("SET enable_seqscan TO |")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Explanations_come_in_the_learners_language()
    {
        var zh = Item(Complete("SET hnsw.|", "zh"), "hnsw.ef_search");
        Assert.Contains("候选列表", zh.Documentation);
        Assert.Contains("讲解见：[HNSW 与 IVFFlat 索引", zh.Documentation);
        Assert.Equal("设置", zh.Detail);
        Assert.Contains("余弦距离", Item(Complete("SELECT * FROM photos ORDER BY embedding <|", "zh-CN"), "<=>").Documentation);
    }

    [Fact]
    public void After_a_cast_the_vector_types_come_first_with_a_dimension_placeholder()
    {
        var list = Complete("SELECT '[1,2,3]'::|");
        var vector = Item(list, "vector(n)");
        Assert.Equal("vector(${1:3})", vector.InsertText);
        Assert.True(vector.InsertAsSnippet);
        Assert.Contains("16 000", vector.Documentation);
        Assert.Contains("halfvec(n)", Labels(list));
        Assert.Contains("double precision", Labels(list));
        Assert.True(Labels(list).IndexOf("sparsevec(n)") < Labels(list).IndexOf("integer"));
    }

    [Fact]
    public void CREATE_INDEX_offers_methods_the_columns_operator_classes_for_the_columns_type_and_the_methods_options()
    {
        var methods = Complete("CREATE INDEX ON photos USING |");
        Assert.Equal(["gist", "hnsw", "ivfflat"], Labels(methods).Take(4).Where(l => l != "btree").Order());
        Assert.Contains("layered graph", Item(methods, "hnsw").Documentation);

        Assert.Equal(["category", "code", "embedding", "id", "sig"], Labels(Complete("CREATE INDEX ON photos USING hnsw (|")).Order());

        var classes = Labels(Complete("CREATE INDEX ON photos USING hnsw (embedding |"));
        Assert.Equal(["vector_cosine_ops", "vector_ip_ops", "vector_l1_ops", "vector_l2_ops"], classes.Order());
        Assert.Contains("bit_hamming_ops", Labels(Complete("CREATE INDEX ON photos USING hnsw (code |")));
        Assert.DoesNotContain("vector_l1_ops", Labels(Complete("CREATE INDEX ON photos USING ivfflat (embedding |")));

        Assert.Equal(["ef_construction", "m"], Labels(Complete("CREATE INDEX ON photos USING hnsw (embedding vector_l2_ops) WITH (|")).Order());
        var lists = Item(Complete("CREATE INDEX ON photos USING ivfflat (embedding vector_l2_ops) WITH (|"), "lists");
        Assert.Equal("lists = ", lists.InsertText);
    }

    [Fact]
    public void Columns_of_CTEs_subqueries_and_set_returning_functions_are_known()
    {
        var cte = Complete("WITH q AS (SELECT p.embedding AS e, id FROM photos p) SELECT q.| FROM q");
        Assert.Equal(["e", "id"], Labels(cte));
        Assert.Equal("vector(1280)", Item(cte, "e").Detail);

        Assert.Equal(["category", "id"], Labels(Complete("SELECT s.| FROM (SELECT * FROM cats) s")).Order());
        var cells = Complete("SELECT c.| FROM lab.pattern_cells('[1]') c");
        Assert.Contains("region", Labels(cells));
        Assert.Equal("text", Item(cells, "region").Detail);
    }

    [Fact]
    public void Where_only_one_table_fits_only_its_columns_are_offered()
    {
        Assert.Equal(["data", "id", "name", "v"], Labels(Complete("INSERT INTO img_raw (|")).Order());
        Assert.Equal(["data", "id", "name", "v"], Labels(Complete("UPDATE img_raw SET |")).Order());
        var drop = Labels(Complete("DROP INDEX |"));
        Assert.Contains("img_raw_v_hnsw", drop);
    }

    [Fact]
    public void Names_that_need_quotes_are_inserted_quoted()
    {
        Assert.Equal("\"order\"", IdentifierText.Quote("order"));
        Assert.Equal("\"Img\"", IdentifierText.Quote("Img"));
        Assert.Equal("img_raw", IdentifierText.Quote("img_raw"));
    }

    [Fact]
    public void Before_the_catalog_is_read_the_knowledge_still_answers_and_the_list_asks_to_be_asked_again()
    {
        var list = Complete("SELECT * FROM t ORDER BY v |", catalog: SqlCatalog.Empty, freshness: CatalogFreshness.Missing);
        Assert.Contains("<->", Labels(list));
        Assert.True(list.IsIncomplete);
        Assert.Contains("hnsw.ef_search", Labels(Complete("SET |", catalog: SqlCatalog.Empty, freshness: CatalogFreshness.Missing)));
    }

    [Fact]
    public void A_long_list_is_cut_best_first_and_marked_incomplete()
    {
        var (text, offset) = Cursor.Parse("SELECT | FROM photos");
        var context = CursorContextAnalyzer.Analyze(text, offset);
        var list = fixture.Get<SqlCompletionProvider>().Complete(context, fixture.Catalog, CatalogFreshness.Fresh, "en", 50);
        Assert.Equal(50, list.Items.Count);
        Assert.True(list.IsIncomplete);
        Assert.Equal(CompletionItemKind.Column, list.Items[0].Kind);
    }

    [Fact]
    public void Typed_letters_filter_the_list_in_order_but_not_necessarily_together()
    {
        Assert.True(PrefixMatch.Matches("efs", "hnsw.ef_search"));
        Assert.True(PrefixMatch.Matches("IMG", "img_raw"));
        Assert.False(PrefixMatch.Matches("xyz", "img_raw"));
        Assert.DoesNotContain("photos", Labels(Complete("SELECT * FROM im|")));
    }
}
