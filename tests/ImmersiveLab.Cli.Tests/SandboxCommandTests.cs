using System.Text.Json;

namespace ImmersiveLab.Cli.Tests;

[Collection(nameof(CliCollection))]
public sealed class SandboxCommandTests(CliFixture fixture)
{
    [Fact]
    public async Task List_reset_and_drop_act_on_the_named_learner()
    {
        var learner = "cli-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(0, (await fixture.RunAsync("sql", "-l", learner, "CREATE TABLE mine (x int)")).ExitCode);

        var (listCode, listJson, _) = await fixture.RunAsync("sandbox", "list", "--json");
        Assert.Equal(0, listCode);
        using (var doc = JsonDocument.Parse(listJson))
        {
            var mine = doc.RootElement.EnumerateArray().Single(s => s.GetProperty("learnerName").GetString() == learner);
            Assert.True(mine.GetProperty("exists").GetBoolean());
            Assert.StartsWith("sbx_", mine.GetProperty("databaseName").GetString());
            Assert.Equal("default", mine.GetProperty("serverKey").GetString());
        }
        var (textCode, text, _) = await fixture.RunAsync("sandbox", "list");
        Assert.Equal(0, textCode);
        Assert.Contains(learner, text);
        Assert.Contains("server", text);

        var (resetCode, resetOut, _) = await fixture.RunAsync("sandbox", "reset", "--learner", learner);
        Assert.Equal(0, resetCode);
        Assert.Contains("Reset the sandbox of " + learner, resetOut);
        var (_, afterReset, _) = await fixture.RunAsync("sql", "-l", learner, "--json", "SELECT count(*) FROM pg_class WHERE relname = 'mine'");
        using (var doc = JsonDocument.Parse(afterReset))
            Assert.Equal(0, doc.RootElement.GetProperty("statements")[0].GetProperty("rows")[0][0].GetInt32());

        var (dropCode, dropOut, _) = await fixture.RunAsync("sandbox", "drop", "--learner", learner);
        Assert.Equal(0, dropCode);
        Assert.Contains("Dropped", dropOut);
        var (_, listAfter, _) = await fixture.RunAsync("sandbox", "list", "--json");
        Assert.DoesNotContain(learner, listAfter);
    }

    [Fact]
    public async Task Reset_of_an_unknown_learner_is_a_clear_usage_error()
    {
        var (code, _, error) = await fixture.RunAsync("sandbox", "reset", "--learner", "nobody-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(2, code);
        Assert.Contains("No learner named", error);
    }

    [Fact]
    public async Task The_cli_attaches_to_the_running_cluster_and_leaves_it_running()
    {
        Assert.Equal(0, (await fixture.RunAsync("sql", "SELECT 1")).ExitCode);
        Assert.True(File.Exists(Path.Combine(fixture.DataDirectory, "pg", "postmaster.pid")));
        await using var cmd = fixture.Server.Admin.CreateCommand("SELECT 1");
        Assert.Equal(1, await cmd.ExecuteScalarAsync());
    }
}
