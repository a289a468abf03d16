using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace RuleHost.Engine.Tests.Support;

/// <summary>LogChannel hands each log line to the test as it is written, so a test awaits a line instead of sleeping.</summary>
internal sealed class LogChannel<T> : ILogger<T>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Channel<(int EventId, string Message)> _lines = Channel.CreateUnbounded<(int, string)>();

    /// <summary>NextAsync skips lines until one with <paramref name="eventId"/> arrives, and returns its message.</summary>
    public async Task<string> NextAsync(int eventId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var (id, message) = await _lines.Reader.ReadAsync(timeout.Token);
            if (id == eventId)
                return message;
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Writer.TryWrite((eventId.Id, formatter(state, exception)));
}
