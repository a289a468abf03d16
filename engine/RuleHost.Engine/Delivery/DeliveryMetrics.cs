using System.Collections.Concurrent;

namespace RuleHost.Engine.Delivery;

/// <summary>DeliveryMetrics are the outbox's counters for whoever exports metrics: notifications by target and outcome, outbox depth, latency.</summary>
internal sealed class DeliveryMetrics
{
    private readonly ConcurrentDictionary<(string Target, string Outcome), long> _attempts = new();
    private long _depth;
    private long _overflow;

    /// <summary>Attempted is raised for every recorded attempt (and every muted notification), e.g. to feed a latency histogram.</summary>
    public event Action<AttemptRecord>? Attempted;

    /// <summary>OutboxDepth is how many notifications are in the outbox, not yet delivered or dead-lettered.</summary>
    public long OutboxDepth => Interlocked.Read(ref _depth);

    /// <summary>Overflow counts alert changes the pipeline could not take (its queue was full); each is also logged.</summary>
    public long Overflow => Interlocked.Read(ref _overflow);

    /// <summary>Attempts counts attempts by target and outcome (delivered, retrying, dead, muted).</summary>
    public IReadOnlyDictionary<(string Target, string Outcome), long> Attempts => _attempts;

    public void Overflowed() => Interlocked.Increment(ref _overflow);

    public void Added(int count) => Interlocked.Add(ref _depth, count);

    public void Removed() => Interlocked.Decrement(ref _depth);

    public void Record(AttemptRecord record)
    {
        _attempts.AddOrUpdate((record.Target, record.Outcome), 1, static (_, n) => n + 1);
        Attempted?.Invoke(record);
    }
}
