using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace RuleHost.Benchmarks;

/// <summary>AllocationSampler counts the runtime's allocation-tick events (one per ~100 KB allocated) by type: a sampled picture of what a run allocates.</summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName != "GCAllocationTick_V4" || e.Payload is null)
            return;
        var type = e.Payload[e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(e.Payload[e.PayloadNames!.IndexOf("AllocationAmount64")]);
        _bytes.AddOrUpdate(type, amount, (_, total) => total + amount);
    }

    public void Print(int top)
    {
        var total = _bytes.Values.Sum();
        foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(top))
            Console.WriteLine($"{bytes * 100.0 / total,5:F1}%  {type}");
    }
}
