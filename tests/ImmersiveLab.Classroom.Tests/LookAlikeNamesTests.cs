namespace ImmersiveLab.Classroom.Tests;

public sealed class LookAlikeNamesTests
{
    private static IReadOnlyList<LookAlikeGroup> Find(params string[] names) =>
        LookAlikeNames.Find(names.Select(n => (Guid.NewGuid(), n)));

    private static string[][] Groups(params string[] names) =>
        Find(names).Select(g => g.Members.Select(m => m.Name).Order(StringComparer.Ordinal).ToArray()).ToArray();

    [Theory]
    [InlineData("Ada", "\u0410da")] // Cyrillic capital A
    [InlineData("Paco", "\u0420\u0430\u0441\u043E")] // all Cyrillic
    [InlineData("Ada", "ada")] // case
    [InlineData("Ivan", "lvan")] // capital I and small L
    [InlineData("Bob", "B0b")] // zero for O
    [InlineData("Ada Lovelace", "AdaLovelace")] // spacing
    [InlineData("Anna-Lena", "Anna Lena")]
    [InlineData("Zoe", "Zo\u00EB")] // an accent is easy to miss
    [InlineData("Kim", "\uFF2B\uFF49\uFF4D")] // full-width letters
    [InlineData("corn", "com")] // rn and m
    [InlineData("\u039Fmega", "Omega")] // Greek capital omicron
    public void Names_a_reader_could_take_for_one_another_are_flagged(string a, string b)
    {
        var groups = Groups(a, b, "Somebody Else");
        var group = Assert.Single(groups);
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), group);
    }

    [Fact]
    public void Different_names_are_not_flagged()
    {
        Assert.Empty(Find("Ada", "Bob", "Grace", "李雷", "韩梅梅", "Ana", "Anna", "Jo", "Joe", "Li", "Lin"));
    }

    [Fact]
    public void Case_and_look_alikes_join_into_one_group()
    {
        var group = Assert.Single(Groups("Ivan", "ivan", "lvan"));
        Assert.Equal(3, group.Length);
    }

    [Fact]
    public void Members_are_spelled_out_so_the_instructor_sees_the_difference()
    {
        var group = Assert.Single(Find("Ada", "\u0410da"));
        Assert.Contains(group.Members, m => m.Spelled == "Ada");
        Assert.Contains(group.Members, m => m.Spelled == "[U+0410]da");
    }
}
