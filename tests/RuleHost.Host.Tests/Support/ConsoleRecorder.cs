using System.Text;

namespace RuleHost.Host.Tests.Support;

/// <summary>ConsoleRecorder stands in for the console the notifier prints to: it keeps every line and lets a test await one.</summary>
internal sealed class ConsoleRecorder : TextWriter
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];
    private readonly StringBuilder _partial = new();

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
                return [.. _lines];
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value != '\n')
            {
                _partial.Append(value);
                return;
            }

            Add(_partial.ToString().TrimEnd('\r'));
            _partial.Clear();
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            Add(_partial.Append(value).ToString());
            _partial.Clear();
        }
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    /// <summary>WaitForLineAsync completes with the first line, already printed or still to come, that matches.</summary>
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
            Assert.Fail($"no console line {what} within {HostFixture.Timeout}; printed:\n{string.Join('\n', Lines)}");
            throw;
        }
    }

    private void Add(string line)
    {
        _lines.Add(line);
        foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
        {
            _waiters.Remove(waiter);
            waiter.Seen.TrySetResult(line);
        }
    }
}
