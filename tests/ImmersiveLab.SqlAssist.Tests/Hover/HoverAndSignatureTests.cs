using ImmersiveLab.SqlAssist.Hover;
using ImmersiveLab.SqlAssist.Signatures;
using ImmersiveLab.SqlAssist.Tests.Support;

namespace ImmersiveLab.SqlAssist.Tests.Hover;

[Collection(nameof(AssistCollection))]
public sealed class HoverAndSignatureTests(AssistFixture fixture)
{
    private HoverInfo? HoverAt(string marked, string language = "en")
    {
        var (text, offset) = Cursor.Parse(marked);
        return fixture.Get<SqlHoverProvider>().Hover(text, offset, fixture.Catalog, language);
    }

    private SignatureHelp? SignatureAt(string marked, string language = "en")
    {
        var (text, offset) = Cursor.Parse(marked);
        return fixture.Get<SqlSignatureHelpProvider>().Help(text, offset, fixture.Catalog, language);
    }

    [Fact]
    public void A_distance_operator_is_explained_for_its_operands_type()
    {
        var vector = HoverAt("SELECT * FROM photos ORDER BY embedding <|#> '[1]' LIMIT 5")!;
        Assert.Contains("Negative inner product", vector.Markdown);
        Assert.DoesNotContain("taxicab", vector.Markdown);
        Assert.Equal("SELECT * FROM photos ORDER BY embedding ".Length, vector.Start);
        Assert.Equal(vector.Start + 3, vector.End);

        var cube = HoverAt("SELECT * FROM photos ORDER BY sig <|#> cube(ARRAY[1,2])")!;
        Assert.Contains("taxicab", cube.Markdown);

        var unknown = HoverAt("SELECT x <|=> y")!;
        Assert.Contains("Cosine distance", unknown.Markdown);
        Assert.Contains("Chebyshev", unknown.Markdown);
        Assert.Contains("余弦距离", HoverAt("SELECT * FROM photos ORDER BY embedding <|=> '[1]'", "zh")!.Markdown);
    }

    [Fact]
    public void A_setting_an_index_method_an_operator_class_and_an_option_are_explained()
    {
        Assert.Contains("candidate list", HoverAt("SET hnsw.ef_se|arch = 100")!.Markdown);
        Assert.Contains("candidate list", HoverAt("SET hn|sw.ef_search = 100")!.Markdown);
        Assert.Contains("relaxed_order", HoverAt("SHOW hnsw.iterative_sc|an")!.Markdown);
        Assert.Contains("layered graph", HoverAt("CREATE INDEX ON photos USING hn|sw (embedding vector_cosine_ops)")!.Markdown);
        Assert.Contains("<=>", HoverAt("CREATE INDEX ON photos USING hnsw (embedding vector_cos|ine_ops)")!.Markdown);
        Assert.Contains("neighbours kept per node", HoverAt("CREATE INDEX ON photos USING hnsw (embedding vector_l2_ops) WITH (|m = 16)")!.Markdown);
        Assert.Contains("/labs/hnsw-ivfflat/", HoverAt("CREATE INDEX ON photos USING ivfflat (embedding vector_l2_ops) WITH (li|sts = 10)")!.Markdown);
        Assert.Contains("16 000", HoverAt("SELECT '[1]'::vec|tor")!.Markdown);
    }

    [Fact]
    public void Tables_aliases_columns_functions_and_indexes_show_what_they_are()
    {
        var table = HoverAt("SELECT * FROM img_r|aw")!.Markdown;
        Assert.Contains("`public.img_raw`", table);
        Assert.Contains("`v` vector(3)", table);

        Assert.Contains("`public.photos`", HoverAt("SELECT p|.id FROM photos p")!.Markdown);
        var column = HoverAt("SELECT p.embe|dding FROM photos p")!.Markdown;
        Assert.Contains("`p.embedding` `vector(1280)`", column);
        Assert.Contains("`img_raw.name` `text`", HoverAt("SELECT na|me FROM img_raw")!.Markdown);
        Assert.Contains("The file name", HoverAt("SELECT na|me FROM img_raw")!.Markdown);
        Assert.Contains("`lab.sample_images`", HoverAt("SELECT * FROM lab.sample_im|ages")!.Markdown);

        var function = HoverAt("SELECT lab.pattern_dis|tance(a, b)")!.Markdown;
        Assert.Contains("lab.pattern_distance(a vector, b vector) → real", function);
        Assert.Contains("imgsmlr's pattern distance", function);
        Assert.Contains("USING hnsw", HoverAt("DROP INDEX img_raw_v_h|nsw")!.Markdown);
        Assert.Null(HoverAt("SELECT 'a str|ing'"));
    }

    [Fact]
    public void Signature_help_shows_the_overloads_and_the_argument_being_typed()
    {
        var help = SignatureAt("SELECT l2_distance(v, |) FROM img_raw")!;
        Assert.Equal(1, help.ActiveParameter);
        Assert.Contains(help.Signatures, s => s.Label == "l2_distance(vector, vector) → double precision");
        var active = help.Signatures[help.ActiveSignature];
        var second = active.Parameters[1];
        Assert.Equal("vector", active.Label[second.Start..second.End]);
        Assert.Contains("<->", active.Documentation);

        var lab = SignatureAt("SELECT lab.pattern_distance(|")!;
        Assert.Equal(0, lab.ActiveParameter);
        var sig = Assert.Single(lab.Signatures);
        Assert.Equal(["a vector", "b vector"], sig.Parameters.Select(p => p.Label));
        Assert.Contains("讲解见", SignatureAt("SELECT lab.pattern_distance(|", "zh")!.Signatures[0].Documentation);

        // The innermost call counts; a subquery inside a call or text in a string is no argument list.
        Assert.Equal("vector_dims(vector) → integer", SignatureAt("SELECT l2_distance(v, vector_dims(|")!.Signatures[0].Label.Replace("halfvec", "vector"));
        Assert.Null(SignatureAt("SELECT count((SELECT | FROM photos))"));
        Assert.Null(SignatureAt("SELECT 'l2_distance(|'"));
        Assert.Null(SignatureAt("SELECT * FROM photos WHERE id IN (|"));
    }

    [Fact]
    public void Signature_help_picks_the_first_overload_with_enough_parameters()
    {
        var help = SignatureAt("SELECT generate_series(1, 10, |")!;
        var active = help.Signatures[help.ActiveSignature];
        Assert.True(active.Parameters.Count >= 3);
        Assert.Equal(2, help.ActiveParameter);
    }
}
