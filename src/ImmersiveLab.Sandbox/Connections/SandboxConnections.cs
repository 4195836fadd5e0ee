using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Maintenance;
using ImmersiveLab.Sandbox.Provisioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Sandbox.Connections;

/// <summary>
/// Connections to a learner's sandbox as the learner's own role, on the server that holds it: the one way into a
/// sandbox for the learner's session and for other features (index explorer, imports). The sandbox is ensured first;
/// the role's limits go along as startup options, which outrank ALTER ROLE … SET (a learner may run that on their own
/// role). What a learner or another app instance may have changed is repaired: a password the learner changed
/// themselves (ALTER ROLE … PASSWORD is allowed to any role), or a sandbox reset or dropped elsewhere.
/// </summary>
public sealed class SandboxConnections(
    LabServer server,
    SandboxProvisioner provisioner,
    AppBackendRegistry appBackends,
    IOptions<SandboxOptions> options,
    ILogger<SandboxConnections> logger)
{
    /// <summary>
    /// A data source for the learner's sandbox, checked by opening one connection. <paramref name="tweak"/> adjusts pooling
    /// and timeouts (it runs before the role's startup options are added, which always apply). The caller owns the result.
    /// </summary>
    public async Task<NpgsqlDataSource> CreateLearnerDataSourceAsync(
        Guid learnerId, string applicationName, Action<NpgsqlConnectionStringBuilder>? tweak, CancellationToken ct)
    {
        var (dataSource, connection) = await OpenAsync(learnerId, null, applicationName, tweak, ct);
        await connection.DisposeAsync();
        return dataSource;
    }

    /// <summary>
    /// A data source for the app's own work in the learner's sandbox, as the learner's role (the index explorer's loads and
    /// builds): every physical connection it opens is registered (<see cref="AppBackendRegistry"/>) under
    /// <paramref name="applicationName"/>, so the watchdog gives it that application's longer limits
    /// (Sandbox:WatchdogApplicationLimits), and it gets the app's maintenance_work_mem. The caller owns the result.
    /// </summary>
    public async Task<NpgsqlDataSource> CreateAppDataSourceAsync(
        Guid learnerId, string applicationName, Action<NpgsqlConnectionStringBuilder>? tweak, CancellationToken ct)
    {
        var (dataSource, connection) = await OpenAsync(learnerId, null, applicationName, tweak, ct, forApp: true);
        await connection.DisposeAsync();
        return dataSource;
    }

    /// <summary>Opens a connection, reusing <paramref name="dataSource"/> (and its loaded types) while it still works.</summary>
    internal async Task<(NpgsqlDataSource DataSource, NpgsqlConnection Connection)> OpenAsync(
        Guid learnerId, NpgsqlDataSource? dataSource, string applicationName, Action<NpgsqlConnectionStringBuilder>? tweak, CancellationToken ct,
        bool forApp = false)
    {
        SandboxCredentials? credentials = null;
        for (var attempt = 1; ; attempt++)
        {
            if (dataSource is null)
            {
                credentials ??= await provisioner.EnsureCredentialsAsync(learnerId, ct);
                dataSource = Build(credentials, applicationName, tweak, forApp);
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
            catch (NpgsqlException e) when (attempt < 3 && UnavailableServer.IsConnectionFailure(e, ct))
            {
                // The server did not answer. A sandbox server that is down is marked so, and the next
                // EnsureCredentials tells the learner which server it is; anything else is passed on.
                await dataSource.DisposeAsync();
                dataSource = null;
                credentials = null;
                var host = await provisioner.InspectInfoAsync(learnerId, ct) is { } info ? server.FindHost(info.ServerKey) : null;
                if (host is null || host.IsPrimary || await server.ProbeAsync(host, ct)) throw;
            }
            catch
            {
                await dataSource.DisposeAsync();
                throw;
            }
        }
    }

    private NpgsqlDataSource Build(SandboxCredentials c, string applicationName, Action<NpgsqlConnectionStringBuilder>? tweak, bool forApp)
    {
        var cs = new NpgsqlConnectionStringBuilder(server.Host(c.ServerKey).ConnectionStringFor(c.Database, c.Role, c.Password, applicationName));
        tweak?.Invoke(cs);
        var limits = string.Join(' ', SandboxProvisioner.RoleSettings(options.Value, forApp).Select(s => $"-c {s.Name}={s.Value}"));
        // Later -c options win: the role's limits come last.
        cs.Options = string.IsNullOrWhiteSpace(cs.Options) ? limits : cs.Options + " " + limits;
        var builder = new NpgsqlDataSourceBuilder(cs.ConnectionString);
        builder.UseVector();
        if (forApp)
            builder.UsePhysicalConnectionInitializer(
                connection => appBackends.RegisterAsync(connection, c.ServerKey, c.Role, applicationName, CancellationToken.None).GetAwaiter().GetResult(),
                connection => appBackends.RegisterAsync(connection, c.ServerKey, c.Role, applicationName, CancellationToken.None));
        return builder.Build();
    }
}
