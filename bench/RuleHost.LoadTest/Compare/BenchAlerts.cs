using System.Globalization;
using System.Text;

namespace RuleHost.LoadTest.Compare;

/// <summary>BenchAlerts builds the postable alerts both systems get: the same label sets for both, new ones for every round.</summary>
/// <remarks>
/// Each alert is its own label set (<c>instance</c> carries the round and the index), so nothing dedupes within or across rounds.
/// Resolving a round posts the same label sets with <c>endsAt</c> now; both systems are configured not to notify resolves.
/// </remarks>
internal static class BenchAlerts
{
    /// <summary>Throughput returns the round's alerts as JSON arrays of at most <paramref name="batch"/> alerts, firing or (with <paramref name="endsAt"/>) resolved.</summary>
    public static byte[][] Throughput(string round, int alerts, int batch, DateTimeOffset? endsAt = null) =>
        [.. Enumerable.Range(0, (alerts + batch - 1) / batch).Select(b => Array(Enumerable.Range(b * batch, Math.Min(batch, alerts - (b * batch)))
            .Select(i => Alert($$"""{"alertname":"BenchThroughput","instance":"{{round}}-{{i:D5}}:9100","job":"bench","severity":"warning"}""", endsAt))))];

    /// <summary>LatencyProbeId is the label value that identifies latency alert <paramref name="i"/> in a notification body.</summary>
    public static string LatencyProbeId(int i) => $"probe-{i:D5}";

    /// <summary>Latency returns one alert routed to the latency receiver (label <c>bench="latency"</c>).</summary>
    public static byte[] Latency(int i) =>
        Array([Alert($$"""{"alertname":"BenchLatency","bench":"latency","probe":"{{LatencyProbeId(i)}}","severity":"warning"}""", endsAt: null)]);

    private static string Alert(string labels, DateTimeOffset? endsAt) =>
        $$"""{"labels":{{labels}},"annotations":{"summary":"side-by-side benchmark"},"generatorURL":"http://bench.invalid/"{{(endsAt is { } end ? $",\"endsAt\":\"{end.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}\"" : "")}}}""";

    private static byte[] Array(IEnumerable<string> alerts) => Encoding.UTF8.GetBytes("[" + string.Join(',', alerts) + "]");
}
