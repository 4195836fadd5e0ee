using ImmersiveLab.Sandbox.Sessions;
using ImmersiveLab.SqlAssist.Catalog;
using ImmersiveLab.SqlAssist.Tests.Support;

namespace ImmersiveLab.SqlAssist.Tests.Catalog;

[Collection(nameof(AssistCollection))]
public sealed class CatalogReaderTests(AssistFixture fixture)
{
    [Fact]
    public void The_learners_part_holds_their_tables_views_indexes_functions_and_the_lab_schema()
    {
        var part = fixture.Catalog.Learner;
        var img = part.Relations.Single(r => r.Schema == "public" && r.Name == "img_raw");
        Assert.Equal(RelationKind.Table, img.Kind);
        Assert.Equal("Raw pictures", img.Comment);
        Assert.Equal(["id integer", "name text", "data bytea", "v vector(3)"], img.Columns.Select(c => $"{c.Name} {c.Type}"));
        Assert.True(img.Columns[1].NotNull);
        Assert.Equal("The file name", img.Columns[1].Comment);
        Assert.Equal(RelationKind.View, part.Relations.Single(r => r.Name == "cats").Kind);

        var sample = part.Relations.Single(r => r.Schema == "lab" && r.Name == "sample_images");
        Assert.Contains(sample.Columns, c => c.Name == "embedding" && c.Type == "vector(1280)");
        Assert.Contains(sample.Columns, c => c.Name == "signature_cube" && c.Type == "cube");

        var index = part.Indexes.Single(i => i.Name == "img_raw_v_hnsw");
        Assert.Equal(("img_raw", "hnsw"), (index.Table, index.Method));
        Assert.Contains("USING hnsw (v vector_l2_ops) WITH (m='8')", index.Definition);

        Assert.Contains(part.Schemas, s => s.Name == "lab" && s.Comment!.Contains("sample data"));
        Assert.Equal("public", part.SearchPath.Last());
        Assert.DoesNotContain(part.Relations, r => r.Schema is "pg_catalog" or "information_schema");
        Assert.False(part.Truncated);
    }

    [Fact]
    public void Functions_come_with_their_argument_lists_and_the_plumbing_is_left_out()
    {
        var functions = fixture.Catalog.Learner.Functions;
        var distance = functions.Single(f => f.Schema == "lab" && f.Name == "pattern_distance");
        Assert.Equal("a vector, b vector", distance.Arguments);
        Assert.Equal("real", distance.Result);
        Assert.Equal(["a", "b"], distance.Parameters.Select(p => p.Name));
        Assert.Contains("imgsmlr pattern distance", distance.Comment);

        var cells = functions.Single(f => f.Name == "pattern_cells");
        Assert.True(cells.ReturnsSet);
        Assert.StartsWith("TABLE(k integer", cells.Result);

        Assert.Contains(functions, f => f.Name == "my_norm" && f.Parameters.Single().Name == "x");
        // The extensions' functions and types are the same in every sandbox: they are read once, in the shared part.
        Assert.DoesNotContain(functions, f => f.Name == "l2_distance");
        var shared = fixture.Catalog.Shared.Functions;
        Assert.Contains(shared, f => f is { Schema: "public", Name: "l2_distance", Arguments: "vector, vector" });
        Assert.Contains(shared, f => f is { Name: "avg", Kind: FunctionKind.Aggregate } && f.Arguments == "vector");
        Assert.Contains(shared, f => f.Name == "cube_distance");
        // Type I/O, index support and aggregate internals are not meant to be called.
        Assert.DoesNotContain(fixture.Catalog.Functions, f => f.Name is "vector_in" or "hnswhandler" or "vector_accum" or "vector_typmod_in");
        Assert.Equal(["l2_distance", "l2_distance", "l2_distance"], fixture.Catalog.FunctionsNamed(null, "l2_distance").Select(f => f.Name));

        Assert.Empty(fixture.Catalog.Learner.Types);
        var types = fixture.Catalog.Shared.Types.Where(t => t.Schema == "public").Select(t => t.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "vector", "halfvec", "sparsevec", "cube", "lo" }, types);
        Assert.True(fixture.Catalog.FindType(null, "vector")!.TakesModifier);
    }

    [Fact]
    public async Task A_learners_own_types_and_functions_are_in_their_part()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "CREATE TYPE mood AS ENUM ('ok', 'sad'); CREATE FUNCTION twice(n int) RETURNS int LANGUAGE sql AS 'SELECT 2 * n'");
        var part = await fixture.ReadLearnerPartAsync(me);
        Assert.Equal("mood", Assert.Single(part.Types).Name);
        Assert.Contains(part.Functions, f => f.Name == "twice" && f.Arguments == "n integer");
        Assert.DoesNotContain(part.Functions, f => f.Schema == "public" && f.Name != "twice");
    }

    [Fact]
    public void The_shared_part_holds_the_system_catalog_settings_index_methods_operator_classes_and_distance_operators()
    {
        var shared = fixture.Catalog.Shared;
        Assert.Contains(shared.Relations, r => r.Name == "pg_largeobject_metadata" && r.Columns.Any(c => c.Name == "lomowner"));
        Assert.Contains(shared.Relations, r => r.Schema == "information_schema" && r.Name == "columns");
        Assert.Contains(shared.Functions, f => f.Name == "generate_series" && f.ReturnsSet);
        Assert.Contains(shared.Functions, f => f.Name == "lo_get");
        Assert.DoesNotContain(shared.Functions, f => f.Name is "int4pl" or "textin" or "btint4cmp");

        Assert.Contains(shared.Settings, s => s.Name == "enable_seqscan" && s.Type == "bool");
        Assert.DoesNotContain(shared.Settings, s => s.Name == "shared_buffers"); // not for learners to SET

        Assert.Superset(new HashSet<string> { "btree", "gist", "hnsw", "ivfflat" }, shared.AccessMethods.Select(m => m.Name).ToHashSet());
        Assert.Contains(shared.OperatorClasses, c => c is { Method: "hnsw", Name: "vector_l2_ops", InputType: "vector" });
        Assert.Contains(shared.OperatorClasses, c => c is { Method: "gist", Name: "gist_cube_ops", IsDefault: true });

        var ordering = shared.OrderingOperators.Select(o => $"{o.LeftType} {o.Name}").ToHashSet();
        foreach (var expected in new[] { "vector <->", "vector <#>", "vector <=>", "vector <+>", "halfvec <->", "bit <~>", "bit <%>", "cube <->", "cube <#>" })
            Assert.Contains(expected, ordering);
    }

    [Fact]
    public async Task A_learners_temp_tables_and_search_path_are_read_as_their_session_sees_them()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "CREATE TEMP TABLE scratch (x int); CREATE SCHEMA mine; CREATE TABLE mine.t (y text); SET search_path = mine, public");
        var part = await fixture.ReadLearnerPartAsync(me);
        Assert.NotNull(part.TempSchema);
        Assert.Contains(part.Relations, r => r.Schema == part.TempSchema && r.Name == "scratch");
        Assert.Contains(part.Relations, r => r.Schema == "mine" && r.Name == "t");
        Assert.Equal([part.TempSchema!, "pg_catalog", "mine", "public"], part.SearchPath);
        var catalog = new SqlCatalog(part, fixture.Catalog.Shared);
        Assert.Equal("mine", catalog.FindRelation(null, "t")!.Schema);
        Assert.Equal(part.TempSchema, catalog.FindRelation(null, "scratch")!.Schema);
    }

    [Fact]
    public async Task A_learner_with_thousands_of_tables_gets_the_first_thousand_and_is_told()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, $"DO $$ BEGIN FOR i IN 1..{CatalogReader.MaxRelations + 5} LOOP EXECUTE format('CREATE TABLE t%s (x int)', i); END LOOP; END $$");
        var part = await fixture.ReadLearnerPartAsync(me);
        Assert.True(part.Truncated);
        Assert.Equal(CatalogReader.MaxRelations, part.Relations.Count);
        Assert.All(part.Relations.Where(r => r.Schema == "public"), r => Assert.Single(r.Columns));
    }
}
