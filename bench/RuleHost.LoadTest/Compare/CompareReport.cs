using System.Globalization;
using System.Text;

namespace RuleHost.LoadTest.Compare;

/// <summary>CompareReport is the summary block: per-round throughput, medians, the ratio, latency percentiles and the machine's load around the run.</summary>
internal sealed class CompareReport(CompareOptions options)
{
    private const string RuleHost = "RuleHost";
    private const string Alertmanager = "Alertmanager";

    public Dictionary<string, List<RoundResult>> Rounds { get; } = new() { [Alertmanager] = [], [RuleHost] = [] };

    public Dictionary<string, List<double>> Latencies { get; set; } = [];

    public double LatencyOtherLoad { get; set; }

    public string LoadAtStart { get; } = LoadAverage();

    public override string ToString()
    {
        var text = new StringBuilder();
        void Line(string line) => text.Append(CultureInfo.InvariantCulture, $"{line}\n");
        Line($"=== RuleHost vs Alertmanager 0.25, side by side, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC ===");
        Line($"load average (1, 5, 15 min): {LoadAtStart} at the start, {LoadAverage()} at the end");
        Line($"throughput: {options.Alerts:N0} new distinct alerts per round, batches of {options.Batch:N0} over {options.Connections} connections,");
        Line($"  first POST -> {options.Alerts:N0}th notification at nginx ($msec); exactly {options.Alerts:N0} POSTs arrived in every round");
        foreach (var (name, rounds) in Rounds)
            Line($"  {name,-13} {string.Join(" / ", rounds.Select(r => $"{r.PerSecond:N0}"))} notifications/s; median {Median(name):N0}/s   (other processes: {string.Join(" / ", rounds.Select(r => $"{r.OtherLoad:P0}"))} of the machine)");
        Line($"  CPU per notification (the system's own process, all threads; median of rounds): {string.Join(", ", Rounds.Select(r => $"{r.Key} {Percentiles.Of(r.Value.Select(v => v.CpuMicroseconds), 0.5):F0} µs"))}");
        var ratio = Median(RuleHost) / Median(Alertmanager);
        Line($"  ratio RuleHost / Alertmanager (medians): {ratio:F2}x   (goal >= 10x: {(ratio >= 10 ? "met" : "not met")})");
        Line($"latency: one alert at a time, POST sent -> first byte of its notification at a raw loopback receiver, {options.Latency} alerts after {options.LatencyWarmup} warm-up");
        foreach (var (name, ms) in Latencies)
            Line($"  {name,-13} median {Percentiles.Of(ms, 0.5):F3} ms, p90 {Percentiles.Of(ms, 0.9):F3} ms, p99 {Percentiles.Of(ms, 0.99):F3} ms");
        Line($"  other processes used {LatencyOtherLoad:P0} of the machine meanwhile");
        if (Latencies.TryGetValue(RuleHost, out var ruleHost))
            Line($"  RuleHost median <= 0.3 ms: {(Percentiles.Of(ruleHost, 0.5) <= 0.3 ? "met" : "not met")}");
        return text.ToString();
    }

    private double Median(string name) => Percentiles.Of(Rounds[name].Select(r => r.PerSecond), 0.5);

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
