using System.Diagnostics;

namespace RuleHost.LoadTest.Compare;

/// <summary>LatencyProbe sends one alert at a time to each system in turn and measures POST sent → first byte of its notification at the <see cref="LatencyReceiver"/>.</summary>
internal static class LatencyProbe
{
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(10);

    // A short pause between alerts lets the previous alert's after-work (audit trail, state writes) finish.
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(10);

    /// <summary>RunAsync returns, per system name, the latencies in milliseconds of the alerts after the warm-up.</summary>
    public static async Task<Dictionary<string, List<double>>> RunAsync(IReadOnlyList<BenchedSystem> systems, LatencyReceiver receiver, int warmup, int count)
    {
        var latencies = systems.ToDictionary(s => s.Name, _ => new List<double>(count));
        for (var i = 0; i < warmup + count; i++)
        {
            foreach (var system in systems)
            {
                var ms = await OneAsync(system, receiver, i);
                if (i >= warmup)
                    latencies[system.Name].Add(ms);
                await Task.Delay(Pause);
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        if (receiver.Drain() is { Count: > 0 } extra)
            throw new InvalidOperationException($"{extra.Count} unexpected notifications reached the latency receiver after the last probe: {string.Join(", ", extra.Select(r => r.Path))}");
        return latencies;
    }

    private static async Task<double> OneAsync(BenchedSystem system, LatencyReceiver receiver, int i)
    {
        if (receiver.Drain() is { Count: > 0 } stray)
            throw new InvalidOperationException($"{stray.Count} unexpected notifications reached the latency receiver before probe {i} to {system.Name}");
        var body = BenchAlerts.Latency(i);
        var sent = Stopwatch.GetTimestamp();
        var post = AlertmanagerApi.PostAsync(system.Api, body);
        var request = await receiver.NextAsync(ArrivalTimeout);
        await post;
        if (request.Path != system.LatencyPath || !request.Body.Contains($"\"{BenchAlerts.LatencyProbeId(i)}\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"probe {i} to {system.Name}: expected its notification on {system.LatencyPath}, got a POST to {request.Path}: {request.Body[..Math.Min(300, request.Body.Length)]}");
        return Stopwatch.GetElapsedTime(sent, request.FirstByteTimestamp).TotalMilliseconds;
    }
}
