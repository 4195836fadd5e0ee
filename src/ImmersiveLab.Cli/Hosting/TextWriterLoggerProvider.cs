using Microsoft.Extensions.Logging;

namespace ImmersiveLab.Cli.Hosting;

/// <summary>Writes warnings and errors to the command's error writer (stderr), one line each.</summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(writer, categoryName);
    public void Dispose() { }

    private sealed class Logger(TextWriter writer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            lock (writer)
                writer.WriteLine($"{logLevel.ToString().ToLowerInvariant()}: {category.Split('.')[^1]}: {formatter(state, exception)}" +
                                 (exception is null ? "" : $" ({exception.Message})"));
        }
    }
}
