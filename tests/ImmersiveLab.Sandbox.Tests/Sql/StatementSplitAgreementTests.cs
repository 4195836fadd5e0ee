using System.Text;
using ImmersiveLab.Sandbox.Tests.Support;
using ImmersiveLab.Sql;

namespace ImmersiveLab.Sandbox.Tests.Sql;

/// <summary>
/// The splitter the runner uses ends statements exactly where the real server does, on random cells of valid
/// statements full of lexical traps: semicolons in every kind of quote and comment, strings continued over a newline,
/// BEGIN ATOMIC bodies, empty statements, non-ASCII text.
/// </summary>
[Collection(nameof(SandboxCollection))]
public sealed class StatementSplitAgreementTests(SandboxFixture fx)
{
    private const int Cells = 40;

    [Fact]
    public async Task Statements_end_where_the_server_ends_them()
    {
        for (var seed = 0; seed < Cells; seed++)
            await AgreeAsync(RandomCell(new Random(seed), standardConformingStrings: true), true, seed);
    }

    [Fact]
    public async Task With_standard_conforming_strings_off_backslashes_escape_in_plain_strings_too()
    {
        // 'a\';b' is one string with the setting off, and ends at the second quote with it on.
        await AgreeAsync(@"SELECT 'a\';b' AS x; SELECT 2", standardConformingStrings: false, seed: -1);
        for (var seed = 0; seed < Cells / 4; seed++)
            await AgreeAsync(RandomCell(new Random(1000 + seed), standardConformingStrings: false), false, seed);
    }

    private async Task AgreeAsync(string cell, bool standardConformingStrings, int seed)
    {
        var server = await ServerStatementSplit.EndsAsync(fx.Server.AdminConnectionString, cell, standardConformingStrings);
        var ours = StatementSplitter.Split(cell, standardConformingStrings).Select(s => Terminator(cell, s, standardConformingStrings)).ToList();
        Assert.True(server.SequenceEqual(ours),
            $"seed {seed}: the server ends statements at [{string.Join(", ", server)}], the splitter at [{string.Join(", ", ours)}]\n{cell}");
    }

    /// <summary>Where the statement's semicolon is: the first token after it that is not whitespace or a comment.</summary>
    private static int Terminator(string cell, SqlStatement statement, bool standardConformingStrings)
    {
        var after = statement.StartOffset + statement.Text.Length;
        foreach (var token in SqlLexer.Scan(cell[after..], standardConformingStrings))
        {
            if (token.IsTrivia) continue;
            Assert.Equal(SqlTokenKind.Semicolon, token.Kind);
            return after + token.Start;
        }
        return cell.Length;
    }

    // Expressions the server accepts, each hiding something a naive splitter trips on.
    private static readonly string[] Expressions =
    [
        "'a;b'", "'it''s; fine'", @"E'it\'s; \\ ok'", @"e'\\'", "U&'d\\0061t;a'", "N'n;'", "B'10'", "X'1F'",
        "$$ ; $$", "$q$ $$ ; 'x $q$", "$é$;$é$", "'con;'\n'tinued'", "E'a'\n'b\\';c'", "'a' -- ;\n  'b'", "E'x\\n;'\r\n'y'",
        "1e8", ".5", "1.", "1.5E-3", "2*-1", "3 - -1", "5 --1;\n", "2 /* ; /* nested ; */ */ + 1", "(ARRAY[1,2])[1:1]",
        "'1'::int", "(1)", "NULL", "'é;中文'", "'a' || 'b;'", "1 <> 2", "CASE WHEN true THEN 'x;' END", "(SELECT ';')",
        "'😀;'", "$t1$;$t1$",
    ];

    private static readonly string[] PlainStringsWithBackslashes = [@"'a\';b'", @"'\\'", @"'x\n;'"];

    private static readonly string[] Trivia = [" ", "\n", "\t", "-- c;\n", "/* ; */", "\r\n", "/* /* ; */ */\n"];

    private static string RandomCell(Random random, bool standardConformingStrings)
    {
        var sb = new StringBuilder();
        if (random.Next(2) == 0) sb.Append(Pick(random, Trivia));
        var count = random.Next(1, 6);
        for (var k = 0; k < count; k++)
        {
            sb.Append(RandomStatement(random, k, standardConformingStrings));
            if (k < count - 1 || random.Next(2) == 0)
            {
                if (random.Next(3) == 0) sb.Append(Pick(random, Trivia));
                sb.Append(';');
                if (random.Next(4) == 0) sb.Append(Pick(random, Trivia)).Append(';'); // an empty statement
            }
            sb.Append(Pick(random, Trivia));
        }
        return sb.ToString();
    }

    private static string RandomStatement(Random random, int k, bool standardConformingStrings)
    {
        // With the setting off the server refuses U&'…' ("unsafe use of string constant with Unicode escapes").
        string E() => standardConformingStrings ? Pick(random, Expressions)
            : random.Next(3) == 0 ? Pick(random, PlainStringsWithBackslashes)
            : Pick(random, Expressions.Where(e => !e.StartsWith("U&", StringComparison.Ordinal)).ToArray());
        return random.Next(8) switch
        {
            0 => $"SELECT {E()} AS c{k}, {E()}",
            1 => $"SELECT {E()} AS \"c;{k}\"\"\"",
            2 => $"VALUES (({E()})::text), (({E()})::text)",
            3 => $"CREATE FUNCTION pg_temp.f{k}() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END",
            4 => $"CREATE OR REPLACE FUNCTION pg_temp.g{k}() RETURNS text LANGUAGE sql AS $b$ SELECT 'x;'; $b$",
            5 => $"DO $d$ BEGIN NULL; /* ; */ RAISE NOTICE 'a;b'; END $d$",
            6 => $"CREATE TEMP TABLE \"t;{k}\" (x int, \"y;\" text)",
            _ => $"SELECT {E()}\n-- ; trailing\n, {E()}",
        };
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
