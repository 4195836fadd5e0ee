using ImmersiveLab.Database.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ImmersiveLab.Database.Tests.Diagnostics;

public sealed class RepeatedFailureLogTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLogger _logger = new();

    [Fact]
    public void A_failure_every_second_for_ten_minutes_is_logged_three_times_and_its_recovery_once()
    {
        var log = new RepeatedFailureLog(_logger, "Watchdog sweep of server default", _time);
        for (var i = 0; i <= 600; i++)
        {
            log.Failed(new InvalidOperationException("53200: out of shared memory"));
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(601, log.Failures);
        log.Succeeded();
        log.Succeeded();

        var lines = _logger.Lines;
        Assert.Equal(4, lines.Count); // first (with the exception), two reminders (at 5 and 10 min), one recovery
        Assert.NotNull(lines[0].Exception);
        Assert.Contains("Watchdog sweep of server default failed", lines[0].Message);
        Assert.All(lines.Skip(1), l => Assert.Null(l.Exception));
        Assert.Contains("301 failures", lines[1].Message);
        Assert.Contains("601 failures", lines[2].Message);
        Assert.Equal(LogLevel.Information, lines[3].Level);
        Assert.Contains("works again after 601 failures over 10 min", lines[3].Message);
        Assert.False(log.IsFailing);
    }

    [Fact]
    public void After_a_recovery_the_next_failure_is_logged_in_full_again()
    {
        var log = new RepeatedFailureLog(_logger, "Sandbox maintenance", _time);
        log.Failed(new InvalidOperationException("one"));
        log.Succeeded();
        log.Failed(new InvalidOperationException("two"));
        Assert.Equal(2, _logger.Lines.Count(l => l.Exception is not null));
        Assert.Equal("two", _logger.Lines[^1].Exception!.Message);
    }

    [Fact]
    public void Success_without_a_failure_logs_nothing()
    {
        var log = new RepeatedFailureLog(_logger, "x", _time);
        log.Succeeded();
        Assert.Empty(_logger.Lines);
    }

    private sealed class RecordingLogger : ILogger
    {
        private readonly List<(LogLevel Level, string Message, Exception? Exception)> _lines = [];

        public List<(LogLevel Level, string Message, Exception? Exception)> Lines
        {
            get { lock (_lines) return _lines.ToList(); }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines) _lines.Add((logLevel, formatter(state, exception), exception));
        }
    }
}
