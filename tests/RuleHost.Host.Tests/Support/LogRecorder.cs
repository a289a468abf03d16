namespace RuleHost.Host.Tests.Support;

/// <summary>LogRecorder keeps the host's log lines in memory so a failing test can show them instead of the console logger's noise, and lets a test await one.</summary>
/// <remarks>A line reads <c>time level category[event id]: message</c>.</remarks>
internal sealed class LogRecorder : ILoggerProvider
{
    private readonly AwaitableLines _lines = new("log");

    public IReadOnlyList<string> Lines => _lines.Lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>WaitForLineAsync completes with the first line, already logged or still to come, that matches.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, string what) => _lines.WaitForLineAsync(match, what);

    public void Dispose()
    {
    }

    private sealed class Logger(LogRecorder recorder, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                recorder._lines.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}[{eventId.Id}]: {formatter(state, exception)}{(exception is null ? "" : $"\n{exception}")}");
        }
    }
}
