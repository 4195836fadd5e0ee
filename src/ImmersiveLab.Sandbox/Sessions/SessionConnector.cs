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

    internal async Task<NpgsqlDataSource> OpenDataSourceAsync(Guid learnerId, CancellationToken ct)
    {
        var credentials = await provisioner.EnsureCredentialsAsync(learnerId, ct);
        for (var attempt = 1; ; attempt++)
        {
            var dataSource = Build(credentials);
            try
            {
                // Open once to check the login (and load types); the session keeps its own connection from it.
                await using (await dataSource.OpenConnectionAsync(ct)) { }
                return dataSource;
            }
            catch (PostgresException e) when (attempt == 1 && e.SqlState == PostgresErrorCodes.InvalidPassword)
            {
                await dataSource.DisposeAsync();
                await provisioner.RepairPasswordAsync(credentials, ct);
            }
            catch (PostgresException e) when (attempt == 1 && e.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                // Dropped (reset by another app instance) between looking it up and connecting.
                await dataSource.DisposeAsync();
                logger.LogInformation("Sandbox {Database} vanished while connecting; ensuring it again", credentials.Database);
                credentials = await provisioner.EnsureCredentialsAsync(learnerId, ct);
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
