using ImmersiveLab.Labs;
using ImmersiveLab.SqlAssist.Knowledge;
using ImmersiveLab.SqlAssist.Tests.Support;

namespace ImmersiveLab.SqlAssist.Tests.Knowledge;

[Collection(nameof(AssistCollection))]
public sealed class KnowledgeTests(AssistFixture fixture)
{
    private static SqlKnowledge Knowledge => SqlKnowledge.BuiltIn;

    [Fact]
    public void Every_entry_has_one_line_in_English_and_in_Chinese()
    {
        Assert.NotEmpty(Knowledge.Entries);
        Assert.All(Knowledge.Entries, e =>
        {
            Assert.True(e.Text.Has(LabLanguages.English), $"{e.Kind} {e.Name}: no English");
            Assert.True(e.Text.Has(LabLanguages.Chinese), $"{e.Kind} {e.Name}: no Chinese");
            Assert.DoesNotContain('\n', e.Text.En!);
            Assert.DoesNotContain('\n', e.Text.Zh!);
            Assert.Contains(e.Text.Zh!, c => c >= '\u4e00' && c <= '\u9fff');
        });
    }

    [Theory]
    [InlineData(KnowledgeKind.Operator, "<->")]
    [InlineData(KnowledgeKind.Operator, "<#>")]
    [InlineData(KnowledgeKind.Operator, "<=>")]
    [InlineData(KnowledgeKind.Operator, "<+>")]
    [InlineData(KnowledgeKind.Operator, "<~>")]
    [InlineData(KnowledgeKind.Operator, "<%>")]
    [InlineData(KnowledgeKind.Type, "vector")]
    [InlineData(KnowledgeKind.Type, "halfvec")]
    [InlineData(KnowledgeKind.Type, "sparsevec")]
    [InlineData(KnowledgeKind.Type, "bit")]
    [InlineData(KnowledgeKind.IndexMethod, "hnsw")]
    [InlineData(KnowledgeKind.IndexMethod, "ivfflat")]
    [InlineData(KnowledgeKind.IndexOption, "m")]
    [InlineData(KnowledgeKind.IndexOption, "ef_construction")]
    [InlineData(KnowledgeKind.IndexOption, "lists")]
    [InlineData(KnowledgeKind.Setting, "hnsw.ef_search")]
    [InlineData(KnowledgeKind.Setting, "hnsw.iterative_scan")]
    [InlineData(KnowledgeKind.Setting, "ivfflat.probes")]
    public void What_the_issue_names_is_explained_with_the_lab_that_teaches_it(KnowledgeKind kind, string name)
    {
        var entry = Knowledge.Find(kind, name);
        Assert.NotNull(entry);
        Assert.NotNull(entry.Lab);
    }

    [Fact]
    public void Every_named_lab_exists_and_mentions_the_entry_in_both_languages()
    {
        var labs = fixture.Get<ILabCatalog>();
        var references = fixture.Get<LabReferences>();
        foreach (var entry in Knowledge.Entries.Where(e => e.Lab is not null))
        {
            Assert.True(labs.Find(entry.Lab!) is not null, $"{entry.Name}: no lab {entry.Lab}");
            foreach (var language in LabLanguages.All)
            {
                var reference = references.For(entry, language)!;
                Assert.True(reference.Step is not null, $"{entry.Kind} {entry.Name}: lab {entry.Lab} ({language}) never mentions it");
                Assert.Equal($"/labs/{entry.Lab}/{reference.Step}", reference.Url);
            }
        }
    }

    [Fact]
    public void What_the_knowledge_names_exists_in_a_real_sandbox()
    {
        var catalog = fixture.Catalog;
        foreach (var op in Knowledge.OfKind(KnowledgeKind.Operator))
            foreach (var type in op.AppliesTo)
                Assert.True(catalog.Shared.OrderingOperators.Any(o => o.Name == op.Name && o.LeftType == type), $"{type} {op.Name}");
        foreach (var opclass in Knowledge.OfKind(KnowledgeKind.OperatorClass))
            Assert.True(catalog.Shared.OperatorClasses.Any(c => c.Name == opclass.Name), opclass.Name);
        foreach (var method in Knowledge.OfKind(KnowledgeKind.IndexMethod))
            Assert.True(catalog.Shared.AccessMethods.Any(m => m.Name == method.Name), method.Name);
        foreach (var type in Knowledge.OfKind(KnowledgeKind.Type))
            Assert.True(catalog.FindType(null, type.Name) is not null || catalog.Types.Any(t => t.Name == type.Name), type.Name);
        foreach (var function in Knowledge.OfKind(KnowledgeKind.Function))
            Assert.True(catalog.Functions.Any(f => f.Name == function.Name), function.Name);
        // pgvector's settings exist once its library is loaded; the lab's server settings always.
        foreach (var setting in Knowledge.OfKind(KnowledgeKind.Setting).Where(s => !s.Name.Contains('.')))
            Assert.True(catalog.FindSetting(setting.Name) is not null, setting.Name);
    }

    [Fact]
    public async Task The_settings_pgvector_adds_exist_with_the_values_the_knowledge_gives()
    {
        var me = await fixture.NewLearnerAsync();
        var listed = await fixture.RunOkAsync(me,
            "SELECT '[1]'::vector; SELECT name, coalesce(array_to_string(enumvals, ','), '') FROM pg_settings WHERE name ~ '^(hnsw|ivfflat)[.]'");
        var settings = listed.Rows.ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        foreach (var s in Knowledge.OfKind(KnowledgeKind.Setting).Where(s => s.Name.Contains('.')))
        {
            Assert.True(settings.ContainsKey(s.Name), s.Name);
            if (s.Values.Count > 0) Assert.Equal(string.Join(',', s.Values), settings[s.Name]);
        }
    }

    [Fact]
    public void A_mention_is_a_whole_word_and_an_index_option_needs_its_value()
    {
        Assert.Matches(LabReferences.Mentions(KnowledgeKind.IndexOption, "m"), "WITH (m = 8)");
        Assert.DoesNotMatch(LabReferences.Mentions(KnowledgeKind.IndexOption, "m"), "SELECT m FROM t");
        Assert.DoesNotMatch(LabReferences.Mentions(KnowledgeKind.Function, "lo_get"), "SELECT lo_getx(1)");
        Assert.Matches(LabReferences.Mentions(KnowledgeKind.Operator, "<->"), "ORDER BY v <-> '[1]'");
    }
}
