namespace ImmersiveLab.Database.Cluster;

/// <summary>Server settings suited to one machine serving a class; each can be overridden by configuration.</summary>
public static class EmbeddedClusterSettings
{
    public static IReadOnlyDictionary<string, string> Defaults(long totalMemoryBytes)
    {
        // A quarter of memory is the usual advice for a dedicated server; a lab shares the machine with the
        // app and the model, so take an eighth, between 128 MB and 4 GB.
        var sharedBuffersMb = Math.Clamp(totalMemoryBytes / 8 / (1024 * 1024), 128, 4096);
        return new Dictionary<string, string>
        {
            ["listen_addresses"] = "'127.0.0.1'",
            ["max_connections"] = "200",
            // The admin (watchdog, provisioning) gets in even when learners' connections fill the rest.
            ["superuser_reserved_connections"] = "5",
            // The shared lock table holds max_locks_per_transaction × (max_connections + workers) locks. The default
            // 64 lets one backend that takes ~20 000 locks (table locks in one transaction) stop every new connection;
            // with 256 the table is ~4× larger (a few MB of shared memory) and the watchdog ends a learner backend past
            // Sandbox:WatchdogMaxLocks long before it fills.
            ["max_locks_per_transaction"] = "256",
            // A backend whose client went away (the app gave up on a statement) notices within seconds.
            ["client_connection_check_interval"] = "'10s'",
            ["shared_buffers"] = $"'{sharedBuffersMb}MB'",
            ["work_mem"] = "'8MB'",
            ["maintenance_work_mem"] = "'256MB'",
            ["temp_file_limit"] = "'1GB'",
            ["password_encryption"] = "'scram-sha-256'",
            ["unix_socket_permissions"] = "0700",
            ["lc_messages"] = "'C'",
            ["log_line_prefix"] = "'%m [%p] %q%u@%d '",
            ["log_min_messages"] = "warning",
            ["max_parallel_maintenance_workers"] = "1",
            ["dynamic_shared_memory_type"] = "posix",
        };
    }

    public static string Render(IReadOnlyDictionary<string, string> defaults, IReadOnlyDictionary<string, string> overrides)
    {
        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in defaults) merged[k] = v;
        foreach (var (k, v) in overrides) merged[k] = QuoteIfNeeded(v);
        return "# Written by ImmersiveLab on every start; edit Database:EmbeddedSettings instead.\n" +
               string.Concat(merged.Select(kv => $"{kv.Key} = {kv.Value}\n"));
    }

    private static string QuoteIfNeeded(string v) =>
        v.StartsWith('\'') || double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out _) || v is "on" or "off"
            ? v
            : "'" + v.Replace("'", "''") + "'";
}
