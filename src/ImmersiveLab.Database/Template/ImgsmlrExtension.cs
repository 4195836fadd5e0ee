using Npgsql;

namespace ImmersiveLab.Database.Template;

/// <summary>
/// The real imgsmlr extension, which some servers have (issue 6): detected in pg_available_extensions, created in the
/// template when present, so the labs can show its values beside the workbook's (see 03_imgsmlr_extension.sql).
/// </summary>
public static class ImgsmlrExtension
{
    public const string Name = "imgsmlr";

    /// <summary>The version the server could install, or null when it has no imgsmlr.</summary>
    public static async Task<string?> AvailableVersionAsync(NpgsqlConnection admin, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT default_version FROM pg_catalog.pg_available_extensions WHERE name = $1", admin);
        cmd.Parameters.AddWithValue(Name);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    public const string CreateSql = "CREATE EXTENSION IF NOT EXISTS imgsmlr SCHEMA public";
}
