namespace RuleHost.Engine.Delivery;

/// <summary>RetryScheduler holds parked notifications until their next attempt time (also persisted in the outbox) and then releases them.</summary>
internal sealed class RetryScheduler(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<Outgoing, DateTimeOffset> _parked = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count
    {
        get
        {
            lock (_gate)
                return _parked.Count;
        }
    }

    public void Park(Outgoing item, DateTimeOffset at)
    {
        lock (_gate)
        {
            _parked.Enqueue(item, at);
            _changed.TrySetResult();
        }
    }

    /// <summary>ReleaseNow makes every parked notification for one of <paramref name="targets"/> due now; it returns how many were.</summary>
    /// <remarks>The persisted next-attempt time is left as it was: should the host stop first, the later time only delays a retry.</remarks>
    public int ReleaseNow(IReadOnlySet<string> targets)
    {
        if (targets.Count == 0)
            return 0;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var all = _parked.UnorderedItems.ToList();
            var released = 0;
            _parked.Clear();
            foreach (var (item, at) in all)
            {
                var early = at > now && targets.Contains(item.Target);
                _parked.Enqueue(item, early ? now : at);
                released += early ? 1 : 0;
            }

            if (released > 0)
                _changed.TrySetResult();
            return released;
        }
    }

    /// <summary>RunAsync releases each parked notification to <paramref name="release"/> when its time comes, until stopped.</summary>
    public async Task RunAsync(Action<IReadOnlyList<Outgoing>> release, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Task changed;
            DateTimeOffset? next;
            var due = new List<Outgoing>();
            lock (_gate)
            {
                var now = clock.GetUtcNow();
                while (_parked.TryPeek(out var item, out var at) && at <= now)
                    due.Add(_parked.Dequeue());
                next = _parked.TryPeek(out _, out var first) ? first : null;
                if (_changed.Task.IsCompleted)
                    _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
                changed = _changed.Task;
            }

            release(due); // outside the lock: a release may start sends, and a failed send parks again
            await WaitAsync(changed, next, stoppingToken);
        }
    }

    private async Task WaitAsync(Task changed, DateTimeOffset? next, CancellationToken stoppingToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var wait = next is { } at ? Max(at - clock.GetUtcNow()) : Timeout.InfiniteTimeSpan;
        try
        {
            await Task.WhenAny(changed, Task.Delay(wait, clock, cancel.Token));
        }
        finally
        {
            await cancel.CancelAsync();
        }
    }

    private static TimeSpan Max(TimeSpan wait) => wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
}
