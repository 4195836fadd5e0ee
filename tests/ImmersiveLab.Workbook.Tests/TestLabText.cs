using ImmersiveLab.Labs;

namespace ImmersiveLab.Workbook.Tests;

/// <summary>Lab documents written in the tests, parsed by the real parser.</summary>
internal static class TestLabText
{
    public static string Fence(string info, string body) => $"```{info}\n{body}\n```\n\n";

    /// <summary>The two <c>wrong</c> blocks every exercise needs.</summary>
    public static string Wrongs(string exercise, string first = "SELECT 0;", string second = "SELECT 2;") =>
        Fence($"wrong for={exercise} why=\"does nothing\"", first) + Fence($"wrong for={exercise} why=\"something else\"", second);

    public static LabDocument Parse(string markdown) => LabDocumentParser.Parse(markdown, "en", "labs/01-test/en.md", "test-lab");

    /// <summary>One step with one exercise "ex" and the given attachments.</summary>
    public static SqlCell Exercise(params string[] attachments)
    {
        var doc = Parse("Intro.\n\n## Step\n\n" + Fence("sql exercise id=ex", "-- your SQL") + string.Concat(attachments) + Fence("solution for=ex", "SELECT 1;"));
        Assert.Empty(doc.SyntaxErrors);
        return doc.FindCell("ex")!;
    }
}
