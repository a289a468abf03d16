namespace RuleHost.LoadTest.Compare;

/// <summary>ThroughputRound posts one round of new distinct alerts to one system and times the first POST → the last notification's arrival at nginx.</summary>
internal static class ThroughputRound
{
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(120);

    // Longer than Alertmanager's group_interval (1 s): a duplicate or repeat would show within it.
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);

    /// <summary>RunAsync runs the round, checks that exactly one notification per alert arrived, resolves the round's alerts and waits for quiet.</summary>
    public static async Task<RoundResult> RunAsync(BenchedSystem system, string round, CompareOptions options)
    {
        var stray = system.Arrivals.ReadNew();
        if (stray.Count > 0)
            throw new InvalidOperationException($"{system.Name}: {stray.Count:N0} notifications reached nginx between rounds (after the last round was complete and its alerts resolved)");

        var bodies = BenchAlerts.Throughput(round, options.Alerts, options.Batch);
        var others = OtherLoad.Start(options.Pids);
        var cpu = CpuTime.OfProcesses([system.Pid]);
        var start = DateTimeOffset.UtcNow;
        await PostAllAsync(system.Api, bodies, options.Connections);
        var posted = DateTimeOffset.UtcNow - start;
        var arrivals = await system.Arrivals.WaitForAsync(options.Alerts, ArrivalTimeout);
        var otherLoad = others.Share();
        var cpuMicroseconds = (CpuTime.OfProcesses([system.Pid]) - cpu) * 1e6 / options.Alerts;
        await Task.Delay(SettleTime);
        arrivals.AddRange(system.Arrivals.ReadNew());
        Verify(system, arrivals, options.Alerts);

        var elapsed = arrivals.Max(a => a.At) - start;
        await PostAllAsync(system.Api, BenchAlerts.Throughput(round, options.Alerts, options.Batch, endsAt: DateTimeOffset.UtcNow), options.Connections);
        await QuietWait.UntilQuietAsync(options.Pids);
        return new RoundResult(options.Alerts / elapsed.TotalSeconds, elapsed, posted, cpuMicroseconds, otherLoad);
    }

    private static async Task PostAllAsync(HttpClient api, byte[][] bodies, int connections)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Length)
                await AlertmanagerApi.PostAsync(api, bodies[i]);
        }));
    }

    // One POST per alert: Alertmanager with group_by ['...'] makes every alert its own group; RuleHost sends one
    // notification per alert. RuleHost's POSTs carry a webhook-id, which must be distinct (no duplicate delivery).
    private static void Verify(BenchedSystem system, List<Arrival> arrivals, int alerts)
    {
        if (arrivals.Count != alerts)
            throw new InvalidOperationException($"{system.Name}: {arrivals.Count:N0} notification POSTs reached nginx for {alerts:N0} alerts; expected exactly {alerts:N0}");
        var ids = arrivals.Where(a => a.WebhookId != "-").Select(a => a.WebhookId).ToList();
        if (ids.Count > 0 && ids.Distinct().Count() != alerts)
            throw new InvalidOperationException($"{system.Name}: {ids.Count:N0} webhook-ids, {ids.Distinct().Count():N0} distinct; expected {alerts:N0} distinct");
    }
}
