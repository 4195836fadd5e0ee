using System.Text.Json;
using ImmersiveLab.Cli.Output;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;

namespace ImmersiveLab.Cli.Tests.Output;

/// <summary>Learner data cannot drive the terminal through <c>imlab sql</c>'s text output; its JSON output is unchanged.</summary>
public sealed class TerminalTextTests
{
    // What the security review sent (attempt 61): a colour change, then an OSC window title ended by BEL.
    private const string Hostile = "A\u001b[31mRED\u001b]0;title-pwned\u0007B";

    [Theory]
    [InlineData("plain text, 中文, emoji 🎉", "plain text, 中文, emoji 🎉")]
    [InlineData("tab\tand\nnewline stay", "tab\tand\nnewline stay")]
    [InlineData(Hostile, "A\\x1b[31mRED\\x1b]0;title-pwned\\x07B")]
    [InlineData("back\rspace\b and DEL\u007f", "back\\x0dspace\\x08 and DEL\\x7f")]
    [InlineData("one-byte CSI \u009b31m", "one-byte CSI \\x9b31m")]
    [InlineData("admin\u202e}nimda", "admin\\u202e}nimda")]
    [InlineData("nul\0", "nul\\x00")]
    public void Control_characters_are_shown_escaped_and_everything_else_as_is(string text, string shown) =>
        Assert.Equal(shown, TerminalText.Escape(text));

    [Fact]
    public async Task Text_output_escapes_values_names_notices_and_errors()
    {
        var run = new CellRunResult
        {
            Statements =
            [
                new StatementResult
                {
                    Index = 0, Sql = "SELECT …", StartLine = 1, Columns = [new ResultColumn("c\u001b[2J", "text", 25)],
                    Rows = [[Hostile]], TotalRows = 1, CommandTag = "SELECT 1",
                    Notices = [new SqlNotice("NOTICE", "note \u001b]0;x\u0007", null, null)],
                },
                new StatementResult
                {
                    Index = 1, Sql = "DO …", StartLine = 2,
                    Error = new SqlError("boom \u001b[5m", "P0001", Detail: "d\u009b", Hint: "h\r"),
                },
            ],
        };
        var text = new StringWriter();
        await TextResultPrinter.WriteAsync(text, run);

        var printed = text.ToString();
        Assert.DoesNotContain(printed, c => c is '\u001b' or '\u0007' or '\u009b' or '\r');
        Assert.Contains("A\\x1b[31mRED\\x1b]0;title-pwned\\x07B", printed);
        Assert.Contains("c\\x1b[2J", printed);
        Assert.Contains("note \\x1b]0;x\\x07", printed);
        Assert.Contains("boom \\x1b[5m", printed);
        Assert.Contains("DETAIL:  d\\x9b", printed);

        var json = new StringWriter();
        await JsonResultWriter.WriteAsync(json, new LearnerRef(Guid.NewGuid(), "me", null), run, CancellationToken.None);
        using var doc = JsonDocument.Parse(json.ToString());
        var statement = doc.RootElement.GetProperty("statements")[0];
        Assert.Equal(Hostile, statement.GetProperty("rows")[0][0].GetString()); // the data itself, for programs to read
        Assert.Equal("c\u001b[2J", statement.GetProperty("columns")[0].GetProperty("name").GetString());
    }
}
