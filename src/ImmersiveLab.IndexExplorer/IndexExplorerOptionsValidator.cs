using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.IndexExplorer;

/// <summary>Refuses explorer settings that cannot work ("IndexExplorer" section), with every reason at once.</summary>
public sealed partial class IndexExplorerOptionsValidator : IValidateOptions<IndexExplorerOptions>
{
    public ValidateOptionsResult Validate(string? name, IndexExplorerOptions o)
    {
        var failures = new List<string>();
        if (o.MaxConcurrentBuilds < 0)
            failures.Add($"IndexExplorer:MaxConcurrentBuilds must be 0 (half the cores) or more (it is {o.MaxConcurrentBuilds}).");
        if (o.BuildMaintenanceWorkMem is { } mem && !MemorySize().IsMatch(mem))
            failures.Add($"IndexExplorer:BuildMaintenanceWorkMem must be a PostgreSQL memory size such as 256MB (it is '{mem}').");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^[1-9][0-9]{0,9}\s?(kB|MB|GB)$")]
    private static partial Regex MemorySize();
}
