using System.Collections.Concurrent;

namespace RuleHost.Host.Tests.Support;

/// <summary>LogRecorder keeps the host's log lines in memory so a failing test can show them instead of the console logger's noise, and lets a test await one.</summary>
/// <remarks>A line reads <c>time level category[event id]: message</c>.</remarks>
internal sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>WaitForLineAsync completes with the first line, already logged or still to come, that matches.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_lines.FirstOrDefault(match) is { } line)
                return line;
            _waiters.Add((match, seen));
        }

        try
        {
            return await seen.Task.WaitAsync(HostFixture.Timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no log line {what} within {HostFixture.Timeout}; logged:\n{string.Join('\n', Lines)}");
            throw;
        }
    }

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        lock (_gate)
        {
            _lines.Enqueue(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Seen.TrySetResult(line);
            }
        }
    }

    private sealed class Logger(LogRecorder recorder, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                recorder.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}[{eventId.Id}]: {formatter(state, exception)}{(exception is null ? "" : $"\n{exception}")}");
        }
    }
}
