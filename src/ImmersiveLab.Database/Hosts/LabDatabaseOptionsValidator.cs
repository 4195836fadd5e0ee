using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Database.Hosts;

/// <summary>Refuses a Database:SandboxServers list the lab could not place sandboxes on safely, with every reason at once.</summary>
public sealed partial class LabDatabaseOptionsValidator : IValidateOptions<LabDatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, LabDatabaseOptions options)
    {
        var failures = new List<string>();
        if (options.PrimaryMaxSandboxes < 0)
            failures.Add($"Database:PrimaryMaxSandboxes must not be negative (it is {options.PrimaryMaxSandboxes}).");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { SandboxHost.DefaultKey };
        for (var i = 0; i < options.SandboxServers.Count; i++)
        {
            var s = options.SandboxServers[i];
            var at = $"Database:SandboxServers:{i}";
            if (string.Equals(s.Key, SandboxHost.DefaultKey, StringComparison.OrdinalIgnoreCase))
                failures.Add($"{at}:Key '{s.Key}' is reserved for the primary server (ConnectionStrings:Admin or the embedded cluster).");
            else if (!KeyPattern().IsMatch(s.Key ?? ""))
                failures.Add($"{at}:Key '{s.Key}' must be 1-32 lower-case letters, digits, '-' or '_', starting with a letter or digit.");
            else if (!seen.Add(s.Key!))
                failures.Add($"{at}:Key '{s.Key}' is used by another server.");
            if (s.MaxSandboxes < 0)
                failures.Add($"{at}:MaxSandboxes must not be negative (it is {s.MaxSandboxes}).");
            if (ConnectionStringProblem(s.ConnectionString) is { } problem)
                failures.Add($"{at}:ConnectionString {problem}");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? ConnectionStringProblem(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) return "is empty.";
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(b.Host) ? "names no Host." : null;
        }
        catch (ArgumentException e)
        {
            return $"is not a valid connection string: {e.Message}";
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,31}$")]
    private static partial Regex KeyPattern();
}
