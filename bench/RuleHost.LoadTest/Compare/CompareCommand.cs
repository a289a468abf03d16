namespace RuleHost.LoadTest.Compare;

/// <summary>CompareCommand runs RuleHost and Alertmanager, already started by <c>bench/compare-alertmanager.sh</c>, through the same throughput rounds and latency probes, one system at a time.</summary>
internal static class CompareCommand
{
    /// <summary>RunAsync measures and prints the summary; exit code 2 for bad options, an exception for any failed check.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var (options, problems) = CompareOptions.Parse(args);
        if (options is null)
        {
            problems.ForEach(p => Console.Error.WriteLine($"compare: {p}"));
            Console.Error.WriteLine(CompareOptions.Usage);
            return 2;
        }

        using var alertmanager = System("Alertmanager", options.Pids[0], options.Alertmanager, options.ArrivalsAlertmanager, "/am", Readiness.AlertmanagerAsync);
        using var ruleHost = System("RuleHost", options.Pids[1], options.RuleHost, options.ArrivalsRuleHost, "/rh", Readiness.RuleHostAsync);
        using var receiver = new LatencyReceiver(options.ReceiverPort);
        await alertmanager.ReadyAsync();
        await ruleHost.ReadyAsync();
        var report = new CompareReport(options);
        await QuietWait.UntilQuietAsync(options.Pids);

        foreach (var system in new[] { alertmanager, ruleHost })
            Print(system, "warm-up", await ThroughputRound.RunAsync(system, "warmup", options));
        for (var round = 1; round <= options.Rounds; round++)
        {
            // Alternate who goes first, so that a drift in the machine's load does not favour one side.
            foreach (var system in round % 2 == 1 ? new[] { alertmanager, ruleHost } : [ruleHost, alertmanager])
            {
                var result = await ThroughputRound.RunAsync(system, $"round{round}", options);
                report.Rounds[system.Name].Add(result);
                Print(system, $"round {round}", result);
            }
        }

        Console.WriteLine($"latency: {options.LatencyWarmup} warm-up and {options.Latency} measured alerts per system, one at a time, alternating");
        var others = OtherLoad.Start(options.Pids);
        report.Latencies = await LatencyProbe.RunAsync([alertmanager, ruleHost], receiver, options.LatencyWarmup, options.Latency);
        report.LatencyOtherLoad = others.Share();

        if (options.Summary is { } file)
            await File.WriteAllTextAsync(file, report.ToString());
        else
            Console.Write(report);
        return 0;
    }

    private static BenchedSystem System(string name, int pid, Uri url, string arrivals, string latencyPath, Func<HttpClient, Task> ready)
    {
        var api = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        return new BenchedSystem(name, pid, api, new ArrivalLog(arrivals), latencyPath, () => ready(api));
    }

    private static void Print(BenchedSystem system, string round, RoundResult result) =>
        Console.WriteLine($"  {system.Name,-13} {round,-8} {result.PerSecond,8:N0} notifications/s ({result.Elapsed.TotalMilliseconds:F0} ms; POSTs answered after {result.Posted.TotalMilliseconds:F0} ms; CPU {result.CpuMicroseconds:F0} µs a notification; other processes used {result.OtherLoad:P0} of the machine)");
}
