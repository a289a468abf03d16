using System.Globalization;

namespace RuleHost.LoadTest.Compare;

/// <summary>CompareOptions are the command-line settings of <c>compare</c>, checked up front with every problem listed at once.</summary>
internal sealed record CompareOptions(
    Uri RuleHost,
    Uri Alertmanager,
    string ArrivalsRuleHost,
    string ArrivalsAlertmanager,
    int ReceiverPort,
    IReadOnlyList<int> Pids,
    int Alerts,
    int Batch,
    int Connections,
    int Rounds,
    int Latency,
    int LatencyWarmup,
    string? Summary)
{
    public const string Usage =
        "usage: RuleHost.LoadTest compare --rulehost URL --alertmanager URL --arrivals-rh FILE --arrivals-am FILE --receiver-port PORT "
        + "--pids PID,PID,... [--alerts 10000] [--batch 1000] [--connections 4] [--rounds 3] [--latency 300] [--latency-warmup 50] [--summary FILE (else the summary goes to stdout)]";

    /// <summary>Parse reads the options from <paramref name="args"/>, or returns null and every problem found.</summary>
    public static (CompareOptions? Options, List<string> Problems) Parse(string[] args)
    {
        var problems = new List<string>();
        string? Text(string name, bool required = true)
        {
            var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            if (value is null && required)
                problems.Add($"{name} is required");
            return value;
        }

        int Number(string name, int fallback)
        {
            var text = Text(name, required: false);
            if (text is null)
                return fallback;
            if (int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n > 0)
                return n;
            problems.Add($"{name} must be a positive whole number, not '{text}'");
            return fallback;
        }

        Uri Url(string name) => Uri.TryCreate(Text(name), UriKind.Absolute, out var url) ? url : new Uri("http://invalid/");

        var options = new CompareOptions(
            Url("--rulehost"),
            Url("--alertmanager"),
            Text("--arrivals-rh") ?? "",
            Text("--arrivals-am") ?? "",
            Number("--receiver-port", 0),
            [.. (Text("--pids") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.TryParse(p, CultureInfo.InvariantCulture, out var pid) ? pid : 0)],
            Number("--alerts", 10_000),
            Number("--batch", 1_000),
            Number("--connections", 4),
            Number("--rounds", 3),
            Number("--latency", 300),
            Number("--latency-warmup", 50),
            Text("--summary", required: false));
        if (options.Pids.Count < 2 || options.Pids.Any(p => p <= 0))
            problems.Add("--pids must list the process ids of the benchmarked processes in this order: Alertmanager, RuleHost, then the nginx workers, separated by commas");
        if (options.RuleHost.Host == "invalid" || options.Alertmanager.Host == "invalid")
            problems.Add("--rulehost and --alertmanager must be absolute URLs");
        return (problems.Count == 0 ? options : null, problems);
    }
}
