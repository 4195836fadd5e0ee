using Xunit;

namespace ImmersiveLab.TestSupport;

/// <summary>
/// Waiting for something another task or the server does, by looking again until it is so. The deadline only turns a
/// hang into a failure naming what never happened; a test never passes because time went by.
/// </summary>
public static class Poll
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? deadline = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, deadline);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var giveUpAt = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < giveUpAt, $"never happened: {what}");
            await Task.Delay(20);
        }
    }
}
