using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ImmersiveLab.EndToEnd.Tests;

/// <summary>
/// Collects what the app logs when a page fails: Blazor's "Unhandled exception in circuit" (the page died) and the
/// failures the app's error boundaries caught and showed in place. A test of many browsers asserts it stays empty.
/// </summary>
public sealed class CircuitFailureLog : ILoggerProvider
{
    private const string CircuitHost = "Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost";
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries.ToArray();

    /// <summary>Entries logged since <paramref name="mark"/> (a count taken earlier with <see cref="Mark"/>).</summary>
    public IReadOnlyList<string> Since(int mark) => _entries.Skip(mark).ToList();

    public int Mark() => _entries.Count;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose() { }

    private static bool IsPageFailure(string category, LogLevel level, string message) =>
        level >= LogLevel.Error && (category == CircuitHost || category.EndsWith("BlockBoundary", StringComparison.Ordinal)
                                    || category.EndsWith("PageErrorBoundary", StringComparison.Ordinal)
                                    || message.Contains("Unhandled exception in circuit", StringComparison.Ordinal));

    private sealed class Logger(string category, CircuitFailureLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (IsPageFailure(category, logLevel, message))
                log._entries.Enqueue($"{category}: {message}{(exception is null ? "" : " — " + exception.GetType().Name + ": " + exception.Message)}");
        }
    }
}
