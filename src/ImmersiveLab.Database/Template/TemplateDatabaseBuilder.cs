using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace ImmersiveLab.Database.Template;

/// <summary>
/// Ensures the template database every sandbox is copied from: extensions created as the cluster owner (imgsmlr too
/// when the server has it), the shared sample images loaded. A template whose schema, sample data or imgsmlr
/// availability changed is rebuilt.
/// </summary>
public sealed class TemplateDatabaseBuilder(
    IOptions<LabDatabaseOptions> options,
    ISampleImageSource samples,
    ILogger<TemplateDatabaseBuilder> logger)
{
    private const long AdvisoryLockKey = 0x1_4C41_4254;
    private const string VersionPrefix = "immersivelab-template ";

    /// <summary>Template/*.sql, in file name order: the schema, then helper functions the labs use.</summary>
    public static string SchemaSql { get; } = ReadTemplateScripts();

    public async Task<string> DesiredVersionAsync(string? imgsmlrVersion, CancellationToken ct) =>
        Version(SchemaSql, await samples.GetVersionAsync(ct), imgsmlrVersion);

    /// <summary>What the template is made of: its scripts, the samples, and whether (which) imgsmlr the server offers.</summary>
    public static string Version(string schemaSql, string samplesVersion, string? imgsmlrVersion) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{schemaSql}\n{samplesVersion}\nimgsmlr={imgsmlrVersion ?? "none"}")))[..16].ToLowerInvariant();

    public async Task EnsureAsync(NpgsqlDataSource admin, string templateConnectionString, CancellationToken ct)
    {
        var name = options.Value.TemplateDatabase;
        await using var conn = await admin.OpenConnectionAsync(ct);
        await Exec(conn, $"SELECT pg_advisory_lock({AdvisoryLockKey})", ct);
        try
        {
            var current = await CurrentVersionAsync(conn, name, ct);
            var imgsmlr = await ImgsmlrExtension.AvailableVersionAsync(conn, ct);
            var desired = await DesiredVersionAsync(imgsmlr, ct);
            if (current == desired) return;
            logger.LogInformation(current is null ? "Creating template database {Name}" : "Rebuilding template database {Name} (it changed)", name);
            var q = LabServer.Quote(name);
            if (current is not null || await ExistsAsync(conn, name, ct))
            {
                await Exec(conn, $"ALTER DATABASE {q} WITH IS_TEMPLATE false ALLOW_CONNECTIONS true", ct);
                await Exec(conn, $"DROP DATABASE {q} WITH (FORCE)", ct);
            }
            await Exec(conn, $"CREATE DATABASE {q} TEMPLATE template0 ENCODING 'UTF8'", ct);
            await PopulateAsync(templateConnectionString, imgsmlr is not null, ct);
            await Exec(conn, $"REVOKE ALL ON DATABASE {q} FROM PUBLIC", ct);
            await Exec(conn, $"COMMENT ON DATABASE {q} IS '{VersionPrefix}{desired}'", ct);
            // No one may connect to a template while it is copied; sandboxes are created from it with CREATE DATABASE.
            await Exec(conn, $"ALTER DATABASE {q} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false", ct);
        }
        finally
        {
            await Exec(conn, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private async Task PopulateAsync(string templateConnectionString, bool withImgsmlr, CancellationToken ct)
    {
        // The template is dropped with FORCE when rebuilt: a pooled connection to it would be dead.
        templateConnectionString = new NpgsqlConnectionStringBuilder(templateConnectionString) { Pooling = false }.ConnectionString;
        await using (var plain = new NpgsqlConnection(templateConnectionString))
        {
            await plain.OpenAsync(ct);
            if (withImgsmlr) await TryCreateImgsmlrAsync(plain, ct);
            await Exec(plain, SchemaSql, ct);
        }
        // Types of the extensions just created are only known to a fresh data source.
        var builder = new NpgsqlDataSourceBuilder(templateConnectionString);
        builder.UseVector();
        await using var ds = builder.Build();
        await using var conn = await ds.OpenConnectionAsync(ct);
        var count = 0;
        await using (var writer = await conn.BeginBinaryImportAsync(
            "COPY lab.sample_images (id, category, file_name, licence, author, source_package, width, height, format, bytes, pattern, signature, shuffled_pattern, embedding, labels) FROM STDIN (FORMAT BINARY)", ct))
        {
            await foreach (var row in samples.ReadAsync(ct))
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(row.Id, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(row.Category, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(row.FileName, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(row.Licence, NpgsqlDbType.Text, ct);
                await WriteNullable(writer, row.Author, ct);
                await WriteNullable(writer, row.SourcePackage, ct);
                await writer.WriteAsync(row.Width, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(row.Height, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(row.Format, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(row.Bytes, NpgsqlDbType.Bytea, ct);
                await writer.WriteAsync(new Vector(row.Pattern), ct);
                await writer.WriteAsync(new Vector(row.Signature), ct);
                await writer.WriteAsync(new Vector(row.ShuffledPattern), ct);
                await WriteNullable(writer, row.Embedding, ct);
                if (row.Labels is null) await writer.WriteNullAsync(ct);
                else await writer.WriteAsync(row.Labels.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                count++;
            }
            await writer.CompleteAsync(ct);
        }
        await Exec(conn, "UPDATE lab.sample_images SET signature_cube = cube(signature::real[]::float8[])", ct);
        var variants = await LoadVariantsAsync(conn, ct);
        await Exec(conn, "ANALYZE lab.sample_images, lab.sample_variants", ct);
        logger.LogInformation("Template loaded with {Count} sample images and {Variants} edited copies", count, variants);
    }

    private async Task<int> LoadVariantsAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var count = 0;
        await using (var writer = await conn.BeginBinaryImportAsync(
            "COPY lab.sample_variants (id, source_id, kind, file_name, width, height, format, bytes, pattern, signature, shuffled_pattern, embedding) FROM STDIN (FORMAT BINARY)", ct))
        {
            await foreach (var row in samples.ReadVariantsAsync(ct))
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(row.Id, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(row.SourceId, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(row.Kind, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(row.FileName, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(row.Width, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(row.Height, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(row.Format, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(row.Bytes, NpgsqlDbType.Bytea, ct);
                await writer.WriteAsync(new Vector(row.Pattern), ct);
                await writer.WriteAsync(new Vector(row.Signature), ct);
                await writer.WriteAsync(new Vector(row.ShuffledPattern), ct);
                await WriteNullable(writer, row.Embedding, ct);
                count++;
            }
            await writer.CompleteAsync(ct);
        }
        await Exec(conn, "UPDATE lab.sample_variants SET signature_cube = cube(signature::real[]::float8[])", ct);
        return count;
    }

    /// <summary>A server may list imgsmlr and still fail to load it; the labs then work without it, as everywhere else.</summary>
    private async Task TryCreateImgsmlrAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        try
        {
            await Exec(conn, ImgsmlrExtension.CreateSql, ct);
            logger.LogInformation("The server has the imgsmlr extension: the labs show its values beside the workbook's");
        }
        catch (PostgresException e)
        {
            logger.LogWarning(e, "The server lists imgsmlr but it could not be created; the labs use the workbook's values only");
        }
    }

    private static async Task WriteNullable(NpgsqlBinaryImporter w, string? v, CancellationToken ct)
    {
        if (v is null) await w.WriteNullAsync(ct);
        else await w.WriteAsync(v, NpgsqlDbType.Text, ct);
    }

    private static async Task WriteNullable(NpgsqlBinaryImporter w, float[]? v, CancellationToken ct)
    {
        if (v is null) await w.WriteNullAsync(ct);
        else await w.WriteAsync(new Vector(v), ct);
    }

    private static async Task<string?> CurrentVersionAsync(NpgsqlConnection conn, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1", conn);
        cmd.Parameters.AddWithValue(name);
        var comment = await cmd.ExecuteScalarAsync(ct) as string;
        return comment is not null && comment.StartsWith(VersionPrefix, StringComparison.Ordinal) ? comment[VersionPrefix.Length..] : null;
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection conn, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn);
        cmd.Parameters.AddWithValue(name);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string ReadTemplateScripts()
    {
        const string prefix = "ImmersiveLab.Database.Template.";
        var asm = Assembly.GetExecutingAssembly();
        var scripts = asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var r = new StreamReader(asm.GetManifestResourceStream(n)!);
                return $"-- {n[prefix.Length..]}\n{r.ReadToEnd()}";
            });
        return string.Join("\n", scripts);
    }
}
