using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using RuleHost.LoadTest;

// The whole-host load tool: ingest throughput, hot-reload latency, memory over many reloads, and the side-by-side
// comparison with Alertmanager (compare, run by bench/compare-alertmanager.sh). Loopback only, bounded.
var mode = args.FirstOrDefault() ?? "ingest";
if (mode == "compare")
    return await RuleHost.LoadTest.Compare.CompareCommand.RunAsync(args); // talks to running systems; needs no host dll
var hostDll = Option("--host") ?? Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "engine", "RuleHost", "bin", "Release", "net10.0", "rulehost.dll");
if (!File.Exists(hostDll))
{
    Console.Error.WriteLine($"build the host first (dotnet build -c Release RuleHost.sln), or pass --host PATH/rulehost.dll; not found: {hostDll}");
    return 2;
}

return mode switch
{
    "ingest" => await IngestAsync(int.Parse(Option("--batches") ?? "2000", CultureInfo.InvariantCulture), int.Parse(Option("--connections") ?? "8", CultureInfo.InvariantCulture)),
    "reload" => await ReloadAsync(int.Parse(Option("--edits") ?? "50", CultureInfo.InvariantCulture)),
    "memory" => await MemoryAsync(int.Parse(Option("--edits") ?? "1000", CultureInfo.InvariantCulture)),
    "restart" => await RestartAsync(int.Parse(Option("--alerts") ?? "100000", CultureInfo.InvariantCulture)),
    "alerts" => await AlertsAsync(
        int.Parse(Option("--alerts") ?? "10000", CultureInfo.InvariantCulture),
        int.Parse(Option("--batch") ?? "1000", CultureInfo.InvariantCulture),
        int.Parse(Option("--connections") ?? "4", CultureInfo.InvariantCulture)),
    _ => Usage(),
};

// Posts NDJSON batches of 1,000 events over several connections and waits until the host evaluated them all.
async Task<int> IngestAsync(int batches, int connections)
{
    await using var host = await HostProcess.StartAsync(hostDll, new Dictionary<string, string> { ["bench.csx"] = BenchRules() });
    var body = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(0, 1000).Select(Event)));
    await PostAsync(host, body); // warm-up
    var before = (await host.GetJsonAsync("/healthz")).GetProperty("evaluated").GetInt64();
    var next = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
    {
        while (Interlocked.Increment(ref next) <= batches)
            await PostAsync(host, body);
    }));
    var accepted = clock.Elapsed;
    var expected = before + (batches * 1000L);
    while ((await host.GetJsonAsync("/healthz")).GetProperty("evaluated").GetInt64() < expected)
        await Task.Delay(5);
    var evaluated = clock.Elapsed;
    Console.WriteLine($"ingest: {batches * 1000:N0} events in batches of 1,000 over {connections} connections");
    Console.WriteLine($"  accepted:  {batches * 1000 / accepted.TotalSeconds:N0} events/s ({accepted.TotalSeconds:F2} s)");
    Console.WriteLine($"  evaluated: {batches * 1000 / evaluated.TotalSeconds:N0} events/s ({evaluated.TotalSeconds:F2} s)");
    return 0;
}

// Edits a rule file and measures save → the new version's rule reacting to a probe event.
async Task<int> ReloadAsync(int edits)
{
    await using var host = await HostProcess.StartAsync(hostDll, new Dictionary<string, string> { ["probe.csx"] = Probe(0) });
    var times = new List<double>();
    for (var i = 1; i <= edits; i++)
    {
        var clock = Stopwatch.StartNew();
        await File.WriteAllTextAsync(Path.Combine(host.Rules, "probe.csx"), Probe(i));
        while (true)
        {
            await PostAsync(host, Encoding.UTF8.GetBytes($$"""{"service": "p{{i}}", "metric": "probe", "value": {{i}}}"""));
            if ((await host.GetJsonAsync($"/api/v1/alerts?rule=Probe{i}")).GetArrayLength() > 0)
                break;
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException($"edit {i} did not take effect in 30 s");
        }

        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine($"reload: {edits} edits, save → new version evaluating: median {times[times.Count / 2]:F0} ms, p90 {times[(int)(times.Count * 0.9)]:F0} ms, max {times[^1]:F0} ms");
    return 0;
}

// Reloads one file many times and reports the host's resident memory after 20 reloads and after all of them.
async Task<int> MemoryAsync(int edits)
{
    await using var host = await HostProcess.StartAsync(hostDll, new Dictionary<string, string> { ["probe.csx"] = Probe(0) });
    double? after20 = null;
    for (var i = 1; i <= edits; i++)
    {
        await File.WriteAllTextAsync(Path.Combine(host.Rules, "probe.csx"), Probe(i));
        while ((await host.GetJsonAsync("/api/v1/rules"))[0].GetProperty("version").GetInt32() < i + 1)
            await Task.Delay(2);
        if (i == 20)
            after20 = host.ResidentMegabytes();
        if (i % 200 == 0)
            Console.WriteLine($"  after {i} reloads: {host.ResidentMegabytes():F0} MB resident");
    }

    var end = host.ResidentMegabytes();
    Console.WriteLine($"memory: resident {after20:F0} MB after 20 reloads, {end:F0} MB after {edits} (growth {end - after20:F0} MB)");
    return 0;
}

// Raises N firing alerts, kills the host with SIGKILL, and measures the restart on the same data: time to ready, memory, alerts back.
async Task<int> RestartAsync(int alerts)
{
    var host = await HostProcess.StartAsync(hostDll, new Dictionary<string, string> { ["hot.csx"] = """Rule("Hot").Match(e => e.Metric == "hot").When(e => e.Value > 0).KeyBy(e => e.Service);""" });
    try
    {
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next) - 1) * 1000 < alerts)
            {
                var events = Enumerable.Range(batch * 1000, Math.Min(1000, alerts - (batch * 1000)))
                    .Select(i => $$"""{"service":"svc{{i}}","metric":"hot","value":1}""");
                await PostAsync(host, Encoding.UTF8.GetBytes(string.Join('\n', events)));
            }
        }));
        while ((await host.GetJsonAsync("/healthz")).GetProperty("evaluated").GetInt64() < alerts)
            await Task.Delay(20);
        var evaluatedAt = Stopwatch.StartNew();
        if (!args.Contains("--at-once"))
        {
            // Let the state writer catch up: a committed checkpoint that covers everything empties the journal.
            var journal = Path.Combine(host.Root, "data", "journal");
            while (Directory.EnumerateFiles(journal).Any() && evaluatedAt.Elapsed < TimeSpan.FromSeconds(120))
                await Task.Delay(50);
            Console.WriteLine($"restart: everything saved {evaluatedAt.Elapsed.TotalSeconds:F2} s after the last event was evaluated");
        }

        var before = host.ResidentMegabytes();
        Console.WriteLine($"restart: {alerts:N0} firing alerts, {before:F0} MB resident; sending SIGKILL");

        var (restarted, ready) = await host.KillAndRestartAsync();
        host = restarted;
        var resident = host.ResidentMegabytes();
        var back = (await host.GetJsonAsync("/api/v1/alerts?state=firing")).GetArrayLength();
        Console.WriteLine($"  ready (GET /healthz answers) {ready.TotalSeconds:F2} s after start; {resident:F0} MB resident; {back:N0} firing alerts back");
        return back == alerts ? 0 : 1;
    }
    finally
    {
        await host.DisposeAsync();
    }
}

// Posts distinct Alertmanager-format alerts to /api/v2/alerts in batches; a 200 means the evaluation thread applied the batch.
// With --url it posts to a server already running there instead (a real Alertmanager, as a yardstick).
async Task<int> AlertsAsync(int alerts, int batch, int connections)
{
    var url = Option("--url");
    await using var host = url is null ? await HostProcess.StartAsync(hostDll, new Dictionary<string, string> { ["bench.csx"] = BenchRules() }) : null;
    var http = host?.Http ?? new HttpClient { BaseAddress = new Uri(url!), Timeout = TimeSpan.FromSeconds(60) };
    await AlertmanagerApi.PostAsync(http, AlertBatch(-1, 1)); // warm-up
    var bodies = Enumerable.Range(0, (alerts + batch - 1) / batch).Select(b => AlertBatch(b * batch, Math.Min(batch, alerts - (b * batch)))).ToArray();
    foreach (var round in new[] { "new alerts", "re-posted (refresh)" })
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Length)
                await AlertmanagerApi.PostAsync(http, bodies[i]);
        }));
        var elapsed = clock.Elapsed;
        Console.WriteLine($"alerts, {round}: {alerts:N0} in batches of {batch:N0} over {connections} connections: {alerts / elapsed.TotalSeconds:N0} alerts/s ({elapsed.TotalMilliseconds:F0} ms)");
    }

    var listed = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/v2/alerts")).RootElement.GetArrayLength();
    Console.WriteLine($"  GET /api/v2/alerts lists {listed:N0} alerts");
    return 0;
}

static byte[] AlertBatch(int first, int count) => Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Range(first, count).Select(i =>
    $$"""{"labels":{"alertname":"Load{{i % 50}}","instance":"host-{{i}}:9100","job":"bench","severity":"warning"},"annotations":{"summary":"load test alert {{i}}","description":"posted by RuleHost.LoadTest"},"generatorURL":"http://prometheus.example/graph?g0.expr=up"}""")) + "]");

static async Task PostAsync(HostProcess host, byte[] body)
{
    using var content = new ByteArrayContent(body);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
    using var response = await host.Http.PostAsync("/api/v1/events", content);
    if ((int)response.StatusCode != 202)
        throw new InvalidOperationException($"POST returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
}

static string Event(int i)
{
    var metric = i % 10 == 0 ? $"t{i % 40}" : $"noise{i % 50}";
    var status = i % 13 == 0 ? 500 : 200;
    return $$$"""{"service":"svc{{{i % 20}}}","environment":"prod","metric":"{{{metric}}}","value":{{{i % 100}}},"tags":{"status":"{{{status}}}"}}""";
}

static string BenchRules() => string.Join('\n', Enumerable.Range(0, 40).Select(i =>
    $$"""Rule("T{{i}}").Match(e => e.Metric == "t{{i}}").When(e => e.Value > 90).For(TimeSpan.FromMinutes(1)).KeyBy(e => e.Service);""")
    .Concat(Enumerable.Range(0, 20).Select(i =>
        $$"""Rate("R{{i}}").Match(e => e.Metric == "r{{i}}").Count(e => e.Tags["status"] == "500").Over(TimeSpan.FromMinutes(5)).Above(0.5).MinEvents(10).KeyBy(e => e.Service);""")));

static string Probe(int i) => $$"""Rule("Probe{{i}}").Match(e => e.Metric == "probe").When(e => e.Value >= {{i}}).KeyBy(e => e.Service);""";

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

static int Usage()
{
    Console.Error.WriteLine("usage: RuleHost.LoadTest ingest|reload|memory|restart|alerts|compare [--host rulehost.dll] [--batches N] [--connections N] [--edits N] [--alerts N] [--batch N] [--url URL] [--at-once]");
    return 2;
}
