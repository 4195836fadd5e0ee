using ImmersiveLab.Classroom;
using ImmersiveLab.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Cli.Tests;

[Collection(nameof(CliCollection))]
public sealed class InstructorCommandTests(CliFixture fixture)
{
    private InstructorToken AppToken() =>
        new(fixture.Server, Options.Create(new ClassroomOptions()), TimeProvider.System, NullLogger<InstructorToken>.Instance);

    [Fact]
    public async Task Rotate_token_prints_a_new_token_that_replaces_the_old_one_everywhere()
    {
        var before = await AppToken().GetAsync(CancellationToken.None);
        var (code, output, error) = await fixture.RunAsync("instructor", "rotate-token");
        Assert.True(code == 0, error);
        var printed = output.Trim();
        Assert.Matches("^[a-z2-9]{5}(-[a-z2-9]{5}){3}$", printed);
        Assert.NotEqual(before, printed);
        // What the app reads from the shared metadata database: the new token, and the old one's sessions are stale.
        var app = AppToken();
        Assert.True(await app.VerifyAsync(printed, CancellationToken.None));
        Assert.False(await app.VerifyAsync(before, CancellationToken.None));
        Assert.False(await app.IsCurrentAsync(InstructorToken.Stamp(before), CancellationToken.None));
    }

    [Fact]
    public async Task A_token_set_in_configuration_is_not_rotated_here()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var configuration = fixture.Configuration(fixture.DataDirectory);
        configuration["Classroom:InstructorToken"] = "configured-token-1234";
        var code = await ImlabCli.InvokeAsync(["instructor", "rotate-token"], output, error, configuration);
        Assert.Equal(2, code);
        Assert.Contains("Classroom:InstructorToken", error.ToString());
        Assert.Equal("", output.ToString());
    }
}
