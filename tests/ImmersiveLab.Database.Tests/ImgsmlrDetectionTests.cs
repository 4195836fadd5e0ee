using ImmersiveLab.Database.Template;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ImmersiveLab.Database.Tests;

/// <summary>
/// imgsmlr detection on the lab's own server, which has no imgsmlr: the absent path, for real. The present path needs a
/// server with the extension and is not exercised here.
/// </summary>
public sealed class ImgsmlrDetectionTests(SampleImagesFixture fixture) : IClassFixture<SampleImagesFixture>
{
    [Fact]
    public async Task Without_imgsmlr_on_the_server_the_status_says_so_and_the_template_was_built_for_its_absence()
    {
        await using var admin = await fixture.Server.Admin.OpenConnectionAsync();
        Assert.Null(await ImgsmlrExtension.AvailableVersionAsync(admin, CancellationToken.None));
        Assert.Null(fixture.Server.Status!.ImgsmlrVersion);
        Assert.NotNull(fixture.Server.Status.PgvectorVersion); // the same lookup finds what is there

        var builder = fixture.Services.GetRequiredService<TemplateDatabaseBuilder>();
        await using var cmd = new NpgsqlCommand("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = 'lab_template'", admin);
        var comment = (string)(await cmd.ExecuteScalarAsync())!;
        Assert.Equal("immersivelab-template " + await builder.DesiredVersionAsync(null, CancellationToken.None), comment);
        Assert.NotEqual(await builder.DesiredVersionAsync(null, CancellationToken.None), await builder.DesiredVersionAsync("1.0", CancellationToken.None));
    }

    [Fact]
    public async Task A_sandbox_without_the_extension_says_so_and_its_signature_helper_returns_null()
    {
        var copy = "imgsmlr_" + Guid.NewGuid().ToString("N")[..8];
        await EmbeddedClusterTests.Exec(fixture.Server.Admin, $"CREATE DATABASE {copy} TEMPLATE lab_template");
        await using var conn = new NpgsqlConnection(fixture.Server.ConnectionStringFor(copy));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT lab.imgsmlr_available(),
                   EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'imgsmlr'),
                   count(*) FILTER (WHERE lab.imgsmlr_signature(bytes) IS NULL),
                   count(*),
                   lab.imgsmlr_signature('\x00'::bytea) IS NULL
            FROM lab.sample_images
            GROUP BY 1, 2
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.False(r.GetBoolean(0));
        Assert.False(r.GetBoolean(1));
        Assert.Equal(r.GetInt64(3), r.GetInt64(2));
        Assert.True(r.GetInt64(3) > 0);
        Assert.True(r.GetBoolean(4));
    }
}
