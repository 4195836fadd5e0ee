using System.Text.RegularExpressions;

namespace ImmersiveLab.Labs.Tests;

/// <summary>
/// A failed check of a repository lab tells the learner what is wrong, in their language: every check has a
/// <c>says="…"</c> in every language file, and each <c>{name}</c> in it is a column the check's SQL provides.
/// </summary>
public partial class RepositoryCheckMessagesTests
{
    [Theory]
    [MemberData(nameof(RepositoryLabsTests.LabFolders), MemberType = typeof(RepositoryLabsTests))]
    public void Each_check_says_what_is_wrong_with_columns_its_sql_provides(string folder)
    {
        var lab = Assert.Single(RepositoryLabsTests.Snapshot.Labs, l => l.Folder == folder);
        foreach (var language in lab.AvailableLanguages)
        foreach (var cell in lab.Document(language).Exercises)
        foreach (var check in cell.Exercise!.Checks)
        {
            var where = $"{folder}/{language}.md:{check.Line} (check for={cell.Id})";
            Assert.False(string.IsNullOrWhiteSpace(check.Says), $"{where}: no says=\"…\" telling the learner what is wrong");
            foreach (var name in Placeholders(check.Says))
                Assert.True(Provides(check.Sql, name), $"{where}: says= shows {{{name}}}, but the check's SQL has no column {name}");
        }
    }

    [Theory]
    [InlineData("SELECT count(*) = 3, count(*) AS n FROM notes", "n", true)]
    [InlineData("SELECT bool_and(ok), off.threshold\nFROM c LEFT JOIN off ON true", "threshold", true)]
    [InlineData("SELECT count(*) = 3, count(*) AS n FROM notes", "count", false)]
    [InlineData("SELECT count(*) = 3, count(*) AS total FROM notes", "n", false)]
    public void A_placeholder_is_provided_by_a_column_alias_or_a_qualified_column(string sql, string name, bool provided) =>
        Assert.Equal(provided, Provides(sql, name));

    [Fact]
    public void Doubled_braces_are_not_placeholders() =>
        Assert.Equal(["n"], Placeholders("{{literal}} and {n} rows"));

    private static IEnumerable<string> Placeholders(string says) =>
        Placeholder().Matches(says).Where(m => m.Groups["name"].Success).Select(m => m.Groups["name"].Value);

    /// <summary>
    /// A simple reading of the SQL, not a parser: the name is given as an alias (<c>… AS name</c>) or is a qualified
    /// column at the end of a select-list item (<c>off.name,</c>). Table aliases pass too; a misspelt name does not.
    /// </summary>
    private static bool Provides(string sql, string name) =>
        Regex.IsMatch(sql, $@"\bAS\s+{Regex.Escape(name)}\b", RegexOptions.IgnoreCase)
        || Regex.IsMatch(sql, $@"\.{Regex.Escape(name)}\s*(,|$)", RegexOptions.Multiline);

    // The same placeholders as the workbook's CheckSays: {{ and }} are literal braces.
    [GeneratedRegex(@"\{\{|\}\}|\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
