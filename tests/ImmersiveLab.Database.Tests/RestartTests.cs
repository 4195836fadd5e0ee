using ImmersiveLab.Database;
using ImmersiveLab.Database.Template;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Database.Tests;

/// <summary>Each test here owns its cluster, because it stops and starts it.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_second_start_reuses_the_cluster_and_its_data()
    {
        using var dir = new TempDirectory();
        var factory = new LabServerFixture();
        string password;
        await using (var first = factory.BuildServices(dir.Path))
        {
            var server = first.GetRequiredService<LabServer>();
            await server.StartAsync(CancellationToken.None);
            password = await File.ReadAllTextAsync(Path.Combine(dir.Path, "pg", "lab_admin.password"));
            await EmbeddedClusterTests.Exec(server.Metadata, "CREATE TABLE survives_restart (x int); INSERT INTO survives_restart VALUES (42)");
            await server.StopAsync(CancellationToken.None);
        }
        Assert.False(File.Exists(Path.Combine(dir.Path, "pg", "postmaster.pid")), "the cluster should be stopped with the app");

        await using var second = factory.BuildServices(dir.Path);
        var again = second.GetRequiredService<LabServer>();
        await again.StartAsync(CancellationToken.None);
        try
        {
            Assert.Equal(password, await File.ReadAllTextAsync(Path.Combine(dir.Path, "pg", "lab_admin.password")));
            await using var cmd = again.Metadata.CreateCommand("SELECT x FROM survives_restart");
            Assert.Equal(42, await cmd.ExecuteScalarAsync());
        }
        finally
        {
            await again.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_changed_sample_source_rebuilds_the_template_and_an_unchanged_one_does_not()
    {
        using var dir = new TempDirectory();
        var factory = new LabServerFixture();
        await using var sp = factory.BuildServices(dir.Path);
        var server = sp.GetRequiredService<LabServer>();
        await server.StartAsync(CancellationToken.None);
        try
        {
            var oid1 = await TemplateOid(server);
            var builder = sp.GetRequiredService<TemplateDatabaseBuilder>();
            await builder.EnsureAsync(server.Admin, server.ConnectionStringFor("lab_template"), CancellationToken.None);
            Assert.Equal(oid1, await TemplateOid(server));

            var changed = new TemplateDatabaseBuilder(
                Microsoft.Extensions.Options.Options.Create(server.Options), new OneImageSource(),
                Microsoft.Extensions.Logging.Abstractions.NullLogger<TemplateDatabaseBuilder>.Instance);
            await changed.EnsureAsync(server.Admin, server.ConnectionStringFor("lab_template"), CancellationToken.None);
            Assert.NotEqual(oid1, await TemplateOid(server));
        }
        finally
        {
            await server.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<uint> TemplateOid(LabServer server)
    {
        await using var cmd = server.Admin.CreateCommand("SELECT oid FROM pg_database WHERE datname = 'lab_template'");
        return (uint)(await cmd.ExecuteScalarAsync())!;
    }

    private sealed class OneImageSource : ISampleImageSource
    {
        public Task<string> GetVersionAsync(CancellationToken ct) => Task.FromResult("one-image");
        public async IAsyncEnumerable<SampleImageRow> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            await Task.CompletedTask;
            yield return new SampleImageRow(1, "test", "x.png", "CC0", null, null, 1, 1, "png", [1, 2, 3],
                new float[4096], Enumerable.Range(0, 16).Select(i => (float)i).ToArray(), new float[4096], null);
        }
    }
}
