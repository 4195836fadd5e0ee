using ImmersiveLab.Sql;

namespace ImmersiveLab.Sql.Tests;

/// <summary>PostgreSQL 15's lexical rules, one at a time (what the server does is noted where it is not obvious).</summary>
public sealed class SqlLexerTests
{
    private static (SqlTokenKind Kind, string Text)[] Lex(string sql, bool scs = true) =>
        SqlLexer.Tokenize(sql, scs).Select(t => (t.Kind, t.TextIn(sql))).ToArray();

    private static SqlToken Single(string sql, bool scs = true)
    {
        var tokens = SqlLexer.Tokenize(sql, scs);
        Assert.True(tokens.Count == 1, $"{sql}: {string.Join(" | ", tokens.Select(t => t.TextIn(sql)))}");
        Assert.Equal(sql.Length, tokens[0].End);
        return tokens[0];
    }

    [Theory]
    [InlineData("'it''s; fine'")]
    [InlineData(@"E'it\'s; \\ ok'")]
    [InlineData(@"e'\''")]
    [InlineData("N'national'")]
    [InlineData("B'1010'")]
    [InlineData("x'ff'")]
    [InlineData(@"U&'d\0061t;a'")]
    [InlineData("$$ a; 'b' $$")]
    [InlineData("$body$ $$ inside; $b$ $body$")]
    [InlineData("$é$ non-ASCII tag $é$")]
    [InlineData("'one'\n'string'")]
    [InlineData("'one' -- a comment\n  'string'")]
    [InlineData("E'a\\n'\r\n-- c\n\t'b\\\\'")]
    public void Strings_are_one_token(string sql) => Assert.Equal(SqlTokenKind.String, Single(sql).Kind);

    [Fact]
    public void Backslashes_escape_only_in_E_strings_while_standard_conforming_strings_is_on()
    {
        Assert.Equal([(SqlTokenKind.String, @"'C:\'"), (SqlTokenKind.Semicolon, ";"), (SqlTokenKind.String, "';'")], Lex(@"'C:\'; ';'"));
        Assert.Equal(SqlTokenKind.String, Single(@"'it\'s; one string'", scs: false).Kind);
        Assert.Equal(SqlTokenKind.String, Single(@"N'it\'s'", scs: false).Kind);
    }

    [Fact]
    public void Strings_continue_only_over_a_newline()
    {
        Assert.Equal([(SqlTokenKind.String, "'a'"), (SqlTokenKind.String, "'b'")], Lex("'a' 'b'")); // the server: syntax error
        Assert.Equal([(SqlTokenKind.String, "'a'"), (SqlTokenKind.Comment, "/* x */"), (SqlTokenKind.String, "'b'")], Lex("'a' /* x */\n'b'"));
        Assert.Equal([(SqlTokenKind.String, "'a'"), (SqlTokenKind.Comment, "-- no newline after")], Lex("'a'\n-- no newline after"));
        Assert.Equal([(SqlTokenKind.String, "$$a$$"), (SqlTokenKind.String, "'b'")], Lex("$$a$$\n'b'"));
    }

    [Fact]
    public void Bit_strings_end_at_the_first_quote()
    {
        // B'10''01' is B'10' then '01' for the server (a syntax error), not one string with a quote in it.
        Assert.Equal([(SqlTokenKind.String, "B'10'"), (SqlTokenKind.String, "'01'")], Lex("B'10''01'"));
    }

    [Fact]
    public void A_prefix_letter_counts_only_right_before_the_quote()
    {
        Assert.Equal([(SqlTokenKind.Word, "ee"), (SqlTokenKind.String, "'x'")], Lex("ee'x'"));
        Assert.Equal([(SqlTokenKind.Word, "U"), (SqlTokenKind.Operator, "&"), (SqlTokenKind.Word, "x")], Lex("U&x"));
        Assert.Equal([(SqlTokenKind.Word, "abc"), (SqlTokenKind.String, "'x'")], Lex("abc'x'"));
    }

    [Theory]
    [InlineData("\"a;\"\"b\"", "a;\"b")]
    [InlineData("U&\"d\\0061t\\+000061\"", "data")]
    [InlineData("\"Mixed Case\"", "Mixed Case")]
    [InlineData("MixedCase", "mixedcase")]
    [InlineData("ÉTÉ", "ÉtÉ")] // only ASCII letters fold in a UTF-8 database
    public void Identifiers_name_what_the_server_names(string sql, string name)
    {
        var token = Single(sql);
        Assert.True(token.IsIdentifier);
        Assert.Equal(name, SqlLexer.IdentifierValue(sql, token));
    }

    [Fact]
    public void Long_identifiers_are_cut_to_63_bytes_at_a_character_boundary()
    {
        var word = new string('a', 62) + "éé";
        Assert.Equal(new string('a', 62), SqlLexer.IdentifierValue(word, Single(word)));
    }

    [Theory]
    [InlineData("a$b$")]       // $ continues an identifier: no dollar quote starts inside it
    [InlineData("_x1")]
    [InlineData("été")]
    [InlineData("a\u00a0b")]   // a no-break space is an identifier character, not whitespace
    [InlineData("x\u3000y")]   // so is an ideographic space
    public void Words_take_letters_digits_dollars_and_every_non_ASCII_character(string sql) =>
        Assert.Equal(SqlTokenKind.Word, Single(sql).Kind);

    [Fact]
    public void Whitespace_is_space_tab_newline_carriage_return_and_form_feed_only()
    {
        var all = SqlLexer.Scan("a \t\n\r\fb").ToList();
        Assert.Equal([SqlTokenKind.Word, SqlTokenKind.Whitespace, SqlTokenKind.Word], all.Select(t => t.Kind));
        Assert.Equal([(SqlTokenKind.Word, "a"), (SqlTokenKind.Other, "\v"), (SqlTokenKind.Word, "b")], Lex("a\vb"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.5")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData("1e8")]
    [InlineData("1.5E-3")]
    [InlineData("1.e+5")]
    public void Numbers(string sql)
    {
        var token = Single(sql);
        Assert.Equal(SqlTokenKind.Number, token.Kind);
        Assert.False(token.TrailingJunk);
    }

    [Theory]
    [InlineData("0x1F")]   // PostgreSQL 16 reads hex; 15 says "trailing junk after numeric literal at or near "0x1F""
    [InlineData("1_000")]
    [InlineData("1e")]
    [InlineData("1.5e3x")]
    [InlineData("1.x")]
    [InlineData("12abc")]
    public void A_number_running_into_letters_is_one_rejected_token(string sql)
    {
        var token = Single(sql);
        Assert.Equal(SqlTokenKind.Number, token.Kind);
        Assert.True(token.TrailingJunk);
    }

    [Fact]
    public void Junk_and_ranges_are_cut_where_the_server_cuts_them()
    {
        Assert.Equal([(SqlTokenKind.Number, "1e+"), (SqlTokenKind.Word, "x")], Lex("1e+x"));
        Assert.Equal([(SqlTokenKind.Number, "1"), (SqlTokenKind.Other, ".."), (SqlTokenKind.Number, "2")], Lex("1..2"));
        Assert.Equal([(SqlTokenKind.Number, "1.5"), (SqlTokenKind.Number, ".3")], Lex("1.5.3"));
        Assert.True(Single("$1abc").TrailingJunk);
    }

    [Fact]
    public void Dollars_are_parameters_quotes_or_lone_characters()
    {
        Assert.Equal([(SqlTokenKind.Parameter, "$1"), (SqlTokenKind.Operator, "+"), (SqlTokenKind.Parameter, "$23")], Lex("$1+$23"));
        Assert.Equal([(SqlTokenKind.Other, "$"), (SqlTokenKind.Word, "a")], Lex("$a"));
        Assert.Equal([(SqlTokenKind.Other, "$")], Lex("$"));
        Assert.Equal([(SqlTokenKind.Other, "$"), (SqlTokenKind.Number, "1"), (SqlTokenKind.Other, "$")], Lex("$ 1$"));
    }

    [Theory]
    [InlineData("<->")]
    [InlineData("<#>")]
    [InlineData("<=>")]
    [InlineData("<+>")]
    [InlineData("<~>")]
    [InlineData("<%>")]
    [InlineData("||")]
    [InlineData("@@")]
    [InlineData("@-")]  // holds @, so it may end in -
    [InlineData("!=")]
    [InlineData(">=")]
    [InlineData("->>")]
    [InlineData(":=")]
    public void Operators(string sql) => Assert.Equal(SqlTokenKind.Operator, Single(sql).Kind);

    [Fact]
    public void Operators_lose_a_trailing_sign_and_stop_before_comments()
    {
        Assert.Equal([(SqlTokenKind.Operator, "="), (SqlTokenKind.Operator, "-"), (SqlTokenKind.Number, "1")], Lex("=-1"));
        Assert.Equal([(SqlTokenKind.Operator, "*"), (SqlTokenKind.Operator, "-"), (SqlTokenKind.Number, "1")], Lex("*-1"));
        Assert.Equal([(SqlTokenKind.Operator, "<"), (SqlTokenKind.Operator, "-"), (SqlTokenKind.Number, "1")], Lex("<-1"));
        Assert.Equal([(SqlTokenKind.Operator, "+"), (SqlTokenKind.Comment, "-- c")], Lex("+-- c"));
        Assert.Equal([(SqlTokenKind.Operator, "*"), (SqlTokenKind.Comment, "/* c */")], Lex("*/* c */"));
    }

    [Fact]
    public void Psql_variables_mean_nothing_to_the_server()
    {
        Assert.Equal([(SqlTokenKind.Word, "SELECT"), (SqlTokenKind.Other, ":"), (SqlTokenKind.Word, "var")], Lex("SELECT :var"));
        Assert.Equal([(SqlTokenKind.Other, ":"), (SqlTokenKind.String, "'x'")], Lex(":'x'"));
    }

    [Fact]
    public void Punctuation_and_casts()
    {
        Assert.Equal(
            [SqlTokenKind.Word, SqlTokenKind.OpenBracket, SqlTokenKind.Number, SqlTokenKind.Other, SqlTokenKind.Number, SqlTokenKind.CloseBracket,
             SqlTokenKind.Cast, SqlTokenKind.Word, SqlTokenKind.Comma, SqlTokenKind.Word, SqlTokenKind.Dot, SqlTokenKind.Word, SqlTokenKind.OpenParen,
             SqlTokenKind.CloseParen, SqlTokenKind.Semicolon],
            Lex("a[1:2]::int, b.c();").Select(t => t.Kind));
    }

    [Theory]
    [InlineData("-- to the end\n", "-- to the end")]
    [InlineData("-- carriage return ends it too\rx", "-- carriage return ends it too")]
    [InlineData("/* a /* nested */ still; */x", "/* a /* nested */ still; */")]
    [InlineData("/**/x", "/**/")]
    [InlineData("/* ends at **/x", "/* ends at **/")]
    public void Comments(string sql, string comment)
    {
        var token = SqlLexer.Tokenize(sql)[0];
        Assert.Equal(SqlTokenKind.Comment, token.Kind);
        Assert.Equal(comment, token.TextIn(sql));
    }

    [Theory]
    [InlineData("'open", SqlTokenKind.String)]
    [InlineData("E'open\\'", SqlTokenKind.String)]
    [InlineData("\"open", SqlTokenKind.QuotedIdentifier)]
    [InlineData("$$ open", SqlTokenKind.String)]
    [InlineData("$t$ open $$", SqlTokenKind.String)]
    [InlineData("/* open /* */", SqlTokenKind.Comment)]
    [InlineData("/*/", SqlTokenKind.Comment)]
    public void Unterminated_quotes_and_comments_run_to_the_end(string sql, SqlTokenKind kind)
    {
        var token = Single(sql);
        Assert.Equal(kind, token.Kind);
        Assert.True(token.Unterminated);
    }
}
