namespace ImmersiveLab.Sandbox.Provisioning;

/// <summary>A learner's row in the metadata table <c>sandboxes</c>: which server holds the sandbox, its names and password.</summary>
internal sealed record SandboxRow(Guid LearnerId, string ServerKey, string Database, string Role, string Password, DateTime CreatedAt, DateTime LastUsedAt)
{
    public const string Columns = "learner_id, server_key, database_name, role_name, role_password, created_at, last_used_at";

    public static SandboxRow Read(Npgsql.NpgsqlDataReader r) =>
        new(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetDateTime(5), r.GetDateTime(6));

    public SandboxCredentials Credentials => new(LearnerId, ServerKey, Database, Role, Password);

    public SandboxInfo Info => new(LearnerId, Database, Role, CreatedAt, LastUsedAt, ServerKey);

    public override string ToString() => $"{Role}@{Database} on {ServerKey}";
}
