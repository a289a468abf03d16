namespace RuleHost.Host.Tests.Support;

/// <summary>AwaitableLines keeps lines (log or console) and lets a test await one that matches, already there or still to come.</summary>
internal sealed class AwaitableLines(string noun)
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
                return [.. _lines];
        }
    }

    public void Add(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Seen.TrySetResult(line);
            }
        }
    }

    /// <summary>WaitForLineAsync completes with the first line, already kept or still to come, that matches; it fails the test after <see cref="HostFixture.Timeout"/>.</summary>
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
            Assert.Fail($"no {noun} line {what} within {HostFixture.Timeout}; kept:\n{string.Join('\n', Lines)}");
            throw;
        }
    }
}
