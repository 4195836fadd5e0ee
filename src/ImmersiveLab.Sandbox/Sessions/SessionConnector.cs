using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Provisioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Sandbox.Sessions;

/// <summary>Opens a learner's dedicated connection to their sandbox, as their own role.</summary>
public sealed class SessionConnector(
    LabServer server,
    SandboxProvisioner provisioner,
    IOptions<SandboxOptions> options,
    ILogger<SessionConnector> logger)
{
    public const string ApplicationName = "immersivelab-learner";

    /// <summary>
    /// Opens the learner's connection, reusing <paramref name="dataSource"/> (and its loaded types) when it still
    /// works. Repairs what a learner or another app instance may have changed: a password the learner changed
    /// themselves (ALTER ROLE … PASSWORD is allowed to any role), or a sandbox reset or dropped elsewhere.
    /// </summary>
    internal async Task<(NpgsqlDataSource DataSource, NpgsqlConnection Connection)> OpenAsync(
        Guid learnerId, NpgsqlDataSource? dataSource, CancellationToken ct)
    {
        SandboxCredentials? credentials = null;
        for (var attempt = 1; ; attempt++)
        {
            if (dataSource is null)
            {
                credentials ??= await provisioner.EnsureCredentialsAsync(learnerId, ct);
                dataSource = Build(credentials);
            }
            try
            {
                return (dataSource, await dataSource.OpenConnectionAsync(ct));
            }
            catch (PostgresException e) when (attempt < 3 && e.SqlState is PostgresErrorCodes.InvalidPassword
                                                  or PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InvalidAuthorizationSpecification)
            {
                await dataSource.DisposeAsync();
                dataSource = null;
                var fresh = await provisioner.EnsureCredentialsAsync(learnerId, ct);
                if (e.SqlState == PostgresErrorCodes.InvalidPassword && fresh == credentials)
                    await provisioner.RepairPasswordAsync(fresh, ct);
                else
                    logger.LogInformation("Sandbox of learner {Learner} changed while connecting ({State}); using the current one", learnerId, e.SqlState);
                credentials = fresh;
            }
            catch
            {
                await dataSource.DisposeAsync();
                throw;
            }
        }
    }

    private NpgsqlDataSource Build(SandboxCredentials c)
    {
        var cs = new NpgsqlConnectionStringBuilder(server.ConnectionStringFor(c.Database, c.Role, c.Password, ApplicationName))
        {
            // The session holds its connection; closing it must really close it (the database may be dropped).
            Pooling = false,
            // Deadlines and cancellation are ours (tokens); Npgsql's own command timeout would break the session.
            CommandTimeout = 0,
            Timeout = 15,
            // Details (e.g. "Key (id)=(1) already exists.") are about the learner's own data: show them.
            IncludeErrorDetail = true,
            // Startup options outrank ALTER ROLE … SET, which a learner may run on their own role.
            Options = string.Join(' ', SandboxProvisioner.RoleSettings(options.Value).Select(s => $"-c {s.Name}={s.Value}")),
        };
        var builder = new NpgsqlDataSourceBuilder(cs.ConnectionString);
        builder.UseVector();
        return builder.Build();
    }
}
