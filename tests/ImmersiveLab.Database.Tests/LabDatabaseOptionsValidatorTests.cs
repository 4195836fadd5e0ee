using ImmersiveLab.Database.Hosts;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Database.Tests;

public sealed class LabDatabaseOptionsValidatorTests
{
    private static ValidateOptionsResult Validate(params SandboxServerOptions[] servers) =>
        new LabDatabaseOptionsValidator().Validate(null, new LabDatabaseOptions { SandboxServers = servers.ToList() });

    private static SandboxServerOptions Server(string key, string cs = "Host=db2;Username=lab;Password=x;Database=postgres", int? max = null) =>
        new() { Key = key, ConnectionString = cs, MaxSandboxes = max };

    [Fact]
    public void No_sandbox_servers_and_well_formed_ones_pass()
    {
        Assert.True(Validate().Succeeded);
        Assert.True(Validate(Server("east"), Server("west-2", max: 0), Server("gpu_1", max: 40)).Succeeded);
    }

    [Fact]
    public void Every_problem_is_reported_with_the_setting_it_is_in()
    {
        var result = Validate(
            Server("default"),
            Server("east"),
            Server("EAST"),
            Server("has space"),
            Server("", "Host=db3"),
            Server("nohost", "Username=lab;Password=x"),
            Server("badkw", "Hots=db2"),
            Server("neg", max: -1));
        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Database:SandboxServers:0:Key 'default' is reserved", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Database:SandboxServers:2:Key 'EAST'", StringComparison.Ordinal)); // upper case
        Assert.Contains(failures, f => f.StartsWith("Database:SandboxServers:3:Key 'has space'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Database:SandboxServers:4:Key ''", StringComparison.Ordinal));
        Assert.Contains(failures, f => f == "Database:SandboxServers:5:ConnectionString names no Host.");
        Assert.Contains(failures, f => f.StartsWith("Database:SandboxServers:6:ConnectionString is not a valid connection string", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Database:SandboxServers:7:MaxSandboxes must not be negative", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains(":1:"));
    }

    [Fact]
    public void A_key_used_twice_is_refused()
    {
        var result = Validate(Server("east"), Server("east"));
        Assert.Equal(["Database:SandboxServers:1:Key 'east' is used by another server."], result.Failures);
    }

    [Fact]
    public void The_lab_refuses_to_start_with_a_bad_list_and_says_why()
    {
        using var dir = new TempDirectory();
        var fixture = new LabServerFixture();
        using var services = fixture.BuildServices(dir.Path, s => s.Configure<LabDatabaseOptions>(o => o.SandboxServers.Add(Server("default"))));
        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<LabServer>());
        Assert.Contains("Database:SandboxServers:0:Key 'default' is reserved for the primary server", e.Message);
    }
}
