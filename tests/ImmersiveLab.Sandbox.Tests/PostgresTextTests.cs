using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Tests.Support;

namespace ImmersiveLab.Sandbox.Tests;

/// <summary>
/// Every value, read the way the runner reads it, formats to exactly the server's own output of it (its type's output
/// function, as format('%s') calls it; not ::text, which writes a boolean as true/false): the text the learner copies
/// and the checker compares is what psql shows. Values are separated by " | " below.
/// </summary>
[Collection(nameof(SandboxCollection))]
public sealed class PostgresTextTests(SandboxFixture fx)
{
    public static TheoryData<string, string> Values => new()
    {
        { "boolean", "true | false" },
        { "smallint", "0 | -32768 | 32767" },
        { "integer", "0 | -2147483648 | 2147483647" },
        { "bigint", "-9223372036854775808 | 9223372036854775807" },
        { "oid", "0 | 4294967295" },
        { "real", "0 | '-0' | 1 | -1.5 | 0.1 | 1e6 | 123456 | 1234567 | 1e-4 | 1e-5 | 3.4028235e38 | 1.4e-45 | 1/3::real | 'NaN' | 'Infinity' | '-Infinity'" },
        { "double precision", "0 | '-0' | 0.1 | 1e14 | 1e15 | 123456789012345678 | 1e-4 | 1e-5 | 1/3::float8 | 5e-324 | 1.7976931348623157e308 | 'NaN' | 'Infinity' | '-Infinity'" },
        { "numeric", "1.50 | 'NaN' | 'Infinity' | 1e20 | -0.000001" },
        { "uuid", "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'" },
        { "bytea", @"'\x' | '\x00ff10' | 'abc'" },
        { "text", "'' | 'a b' | 'é中'" },
        { "vector", "'[1,2.5,-0.1]' | '[1e6,123456,1e-5,0]'" },
        { "halfvec", "'[1,0.5,65504,-2]'" },
        { "sparsevec", "'{1:1.5,3:2e6}/5' | '{}/3'" },
        { "timestamp", "'2024-01-02 03:04:05.123456' | '2024-01-02'" },
        { "timestamptz", "'2024-01-02 03:04:05+02'" },
        { "date", "'2024-02-29' | 'infinity'" },
        { "interval", "'1 day 02:03:04' | '-1 mon'" },
        { "integer[]", "'{1,NULL,3}'" },
        { "text[]", "'{\"a b\",NULL,\"\",\"\\\\\"}'" },
        { "jsonb", "'{\"b\": [1, 2.50], \"a\": null}'" },
        { "bit varying", "'101' | ''" },
        { "point", "'(1.5,2)'" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public async Task Formats_each_value_as_the_server_writes_it(string type, string literals)
    {
        var learner = await fx.NewLearnerAsync();
        var rows = string.Join(", ", literals.Split(" | ").Select(l => $"(({l})::{type})")) + ", (NULL)";
        var result = await fx.RunOkAsync(learner, $"SELECT v, format('%s', v) FROM (VALUES {rows}) AS t(v)");

        Assert.Equal(literals.Split(" | ").Length + 1, result.Rows.Count);
        Assert.All(result.Rows.SkipLast(1), row => Assert.Equal(row[1] as string, PostgresText.Format(row[0])));
        Assert.Null(PostgresText.Format(result.Rows[^1][0]));
    }

    [Fact]
    public void A_cut_value_shows_what_is_known_of_it()
    {
        Assert.Equal("abc", PostgresText.Format(new TruncatedValue("text", 10_000, null, "abc")));
        Assert.Equal(@"\x0aff", PostgresText.Format(new TruncatedValue("bytea", 10_000, [0x0a, 0xff], null)));
    }
}
