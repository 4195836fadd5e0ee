using ImmersiveLab.Cli;
using ImmersiveLab.TestSupport;

namespace ImmersiveLab.Cli.Tests;

/// <summary>A running cluster the CLI attaches to through its data directory, as it would to the running app's.</summary>
public sealed class CliFixture : LabServerFixture
{
    public override Dictionary<string, string?> Configuration(string dataDirectory)
    {
        var c = base.Configuration(dataDirectory);
        c["Sandbox:StatementTimeout"] = "00:00:02";
        c["Sandbox:MaintenanceWorkMem"] = "64MB";
        return c;
    }

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ImlabCli.InvokeAsync(args, output, error, Configuration(DataDirectory));
        return (code, output.ToString(), error.ToString());
    }
}

[CollectionDefinition(nameof(CliCollection))]
public sealed class CliCollection : ICollectionFixture<CliFixture>;
