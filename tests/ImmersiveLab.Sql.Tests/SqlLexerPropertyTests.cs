using System.Text;
using ImmersiveLab.Sql;

namespace ImmersiveLab.Sql.Tests;

/// <summary>
/// Properties that hold for any text, checked on random texts built from PostgreSQL's lexical fragments (and
/// stray characters), so that the lexer meets the tricky joins a hand-written example misses.
/// </summary>
public sealed class SqlLexerPropertyTests
{
    private const int Cases = 3000;

    [Fact]
    public void The_tokens_cover_the_text_without_gaps_so_their_texts_give_it_back()
    {
        ForRandomTexts(text =>
        {
            var tokens = SqlLexer.Scan(text).ToList();
            var at = 0;
            foreach (var t in tokens)
            {
                Assert.Equal(at, t.Start);
                Assert.True(t.End > t.Start, $"empty token at {at}");
                at = t.End;
            }
            Assert.Equal(text.Length, at);
            Assert.Equal(text, string.Concat(tokens.Select(t => t.TextIn(text))));
        });
    }

    [Fact]
    public void Each_token_read_alone_is_the_same_token()
    {
        ForRandomTexts(text =>
        {
            foreach (var t in SqlLexer.Scan(text))
            {
                var alone = t.TextIn(text);
                var again = SqlLexer.Scan(alone).ToList();
                Assert.True(again.Count == 1 && again[0].Kind == t.Kind && again[0].End == alone.Length,
                    $"'{alone}' ({t.Kind}) read alone: {string.Join(" | ", again.Select(a => $"{a.Kind} '{a.TextIn(alone)}'"))}");
            }
        });
    }

    [Fact]
    public void Whitespace_never_touches_whitespace_and_only_tokens_of_the_server_s_whitespace_are_whitespace()
    {
        ForRandomTexts(text =>
        {
            SqlToken? previous = null;
            foreach (var t in SqlLexer.Scan(text))
            {
                if (t.Kind == SqlTokenKind.Whitespace)
                {
                    Assert.All(t.TextIn(text), c => Assert.True(SqlLexer.IsSpace(c)));
                    Assert.False(previous?.Kind == SqlTokenKind.Whitespace);
                }
                else Assert.False(SqlLexer.IsSpace(text[t.Start]));
                previous = t;
            }
        });
    }

    [Fact]
    public void Statements_are_the_significant_text_between_top_level_semicolons()
    {
        ForRandomTexts(text =>
        {
            var statements = StatementSplitter.Split(text);
            foreach (var s in statements)
            {
                Assert.Equal(s.Text, text.Substring(s.StartOffset, s.Text.Length));
                var tokens = SqlLexer.Scan(s.Text).ToList();
                Assert.False(tokens[0].IsTrivia);
                Assert.False(tokens[^1].IsTrivia);
            }
            // Between statements there is nothing but whitespace, comments and semicolons.
            var covered = 0;
            foreach (var s in statements)
            {
                Assert.True(s.StartOffset >= covered);
                Assert.All(SqlLexer.Scan(text[covered..s.StartOffset]), t => Assert.True(t.IsTrivia || t.Kind == SqlTokenKind.Semicolon));
                covered = s.StartOffset + s.Text.Length;
            }
            Assert.All(SqlLexer.Scan(text[covered..]), t => Assert.True(t.IsTrivia || t.Kind == SqlTokenKind.Semicolon));
        });
    }

    private static void ForRandomTexts(Action<string> property)
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var text = RandomSql(new Random(seed));
            try
            {
                property(text);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed}, text {Escape(text)}: {e.Message}");
            }
        }
    }

    private static string Escape(string s) =>
        "\"" + s.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t").Replace("\f", "\\f").Replace("\v", "\\v") + "\"";

    /// <summary>Lexical fragments of PostgreSQL, whole and cut short, and the characters that join them.</summary>
    private static readonly string[] Fragments =
    [
        "SELECT", "select", "a", "t.x", "_x", "a$b", "été", "\u3000", "\u00a0", "\"Q\"", "\"q\"\"q\"", "U&\"d\\0061t\"", "\"", "U&",
        "'s'", "'it''s'", "''", "'", "E'\\''", "e'\\\\'", "E'", "N'n'", "B'101'", "X'1f'", "b'1''", "U&'\\0061'", "u&'",
        "$$", "$$x$$", "$t$;$t$", "$t$", "$1", "$12a", "$", "$a", "$_$", "$é$", "$1$",
        "1", "1.5", ".5", "1.", "1e8", "1e", "1e+", "1E-3", "0x1F", "1_000", "1..2", "12abc",
        "+", "-", "*", "/", "<", ">", "=", "~", "!", "@", "#", "%", "^", "&", "|", "`", "?", "<->", "<#>", "<=>", "<+>", "<~>",
        "<%>", "=-", "*-", "@-", "||", "->>", ":=", "::", ":", "..", ".", ",", "(", ")", "[", "]", ";", "{", "}", "\\",
        "--", "-- c", "/*", "*/", "/* c */", "/* /* n */ */", "/*/",
        " ", "  ", "\t", "\n", "\r", "\r\n", "\f", "\v", "\n'", "'\n'",
    ];

    private static string RandomSql(Random random)
    {
        var sb = new StringBuilder();
        var count = random.Next(1, 25);
        for (var i = 0; i < count; i++)
        {
            sb.Append(Fragments[random.Next(Fragments.Length)]);
            if (random.Next(3) == 0) sb.Append(' ');
        }
        return sb.ToString();
    }
}
