namespace ImmersiveLab.Sandbox.Tests.Rules;

public sealed class SandboxOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid() =>
        Assert.True(new SandboxOptionsValidator().Validate(null, new SandboxOptions()).Succeeded);

    [Fact]
    public void Every_bad_setting_is_named_at_once()
    {
        var result = new SandboxOptionsValidator().Validate(null, new SandboxOptions
        {
            MaxSandboxSize = "a lot",
            WatchdogMemoryLimit = "1 gigabyte",
            IdleSessionTimeout = TimeSpan.FromMinutes(-1),
            WatchdogMaxLocks = 10,
            HashMemMultiplier = 5000,
        });
        Assert.True(result.Failed);
        foreach (var name in new[] { "MaxSandboxSize", "WatchdogMemoryLimit", "IdleSessionTimeout", "WatchdogMaxLocks", "HashMemMultiplier" })
            Assert.Contains($"Sandbox:{name}", result.FailureMessage);
    }

    [Theory]
    [InlineData("256MB", 256L << 20)]
    [InlineData("1GB", 1L << 30)]
    [InlineData("512 kB", 512L << 10)]
    [InlineData("0", 0L)]
    [InlineData("1000", 1000L)]
    public void Sizes_are_read_as_postgresql_writes_them(string text, long bytes)
    {
        Assert.True(MemorySize.TryParse(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1G")]
    [InlineData("-5MB")]
    [InlineData("99999999999TB")]
    public void Other_sizes_are_refused(string text) => Assert.False(MemorySize.TryParse(text, out _));
}
