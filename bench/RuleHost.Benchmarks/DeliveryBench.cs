using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RuleHost.Engine.Delivery;
using RuleHost.Host;
using RuleHost.Notifications;

namespace RuleHost.Benchmarks;

/// <summary>DeliveryBench measures the notification path end to end in one process: events in over HTTP, a rule fires one alert per event,
/// each notification goes through the outbox (SQLite, durable) to a fast receiver (nginx <c>return 200</c>).</summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/RuleHost.Benchmarks -- delivery --url http://127.0.0.1:18089/hook --alerts 10000</c>.
/// The sink is a minimal in-process POST sink (as the webhook plugin does, without signing), so the figure is the engine's path.</remarks>
internal static class DeliveryBench
{
    public static async Task RunAsync(string url, int alerts, int rounds)
    {
        var root = Directory.CreateTempSubdirectory("rulehost-delivery-bench").FullName;
        var rules = Directory.CreateDirectory(Path.Combine(root, "rules")).FullName; // apart from data/: the rules watcher must not hear every SQLite write
        File.WriteAllText(Path.Combine(rules, "bench.csx"), """
            Rule("Bench").Match(e => e.Metric == "load").When(e => e.Value > 0).KeyBy(e => e.Service).NotifyTo("hook");
            Rule("Probe").Match(e => e.Metric == "probe").When(e => e.Value > 0).KeyBy(e => e.Service).NotifyTo("probe");
            """);
        using var probe = new ProbeReceiver();
        var config = Path.Combine(root, "rulehost.json");
        File.WriteAllText(config, $$"""{ "RuleHost": { "Targets": { "hook": { "Sink": "post", "Url": "{{url}}" }, "probe": { "Sink": "post", "Url": "{{probe.Url}}" } }, "Delivery": { "MaxConcurrency": {{Environment.GetEnvironmentVariable("BENCH_CONCURRENCY") ?? "64"}} } } }""");
        var app = RuleHostApp.Build(new HostSettings(RulesPath: rules, ConfigFile: config, DataPath: Path.Combine(root, "data"), Urls: "http://127.0.0.1:0"), services =>
        {
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
            services.AddSingleton<ISinkCatalog>(new PostSinks());
            services.AddSingleton<TextWriter>(TextWriter.Null);
        });
        await app.StartAsync();
        try
        {
            var metrics = app.Services.GetRequiredService<DeliveryMetrics>();
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            AllocationSampler? sampler = null;
            for (var round = 0; round <= rounds; round++)
            {
                if (round == 2 && Environment.GetEnvironmentVariable("BENCH_ALLOC") == "1")
                    sampler = new AllocationSampler();
                var before = Delivered(metrics);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes();
                var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                var clock = Stopwatch.StartNew();
                await PostAsync(http, round, alerts);
                var posted = clock.Elapsed;
                while (Delivered(metrics) < before + alerts)
                    await Task.Delay(1);
                var label = round == 0 ? "warm-up" : $"round {round}";
                Console.WriteLine($"{label}: {alerts:N0} alerts → {alerts:N0} notifications delivered in {clock.Elapsed.TotalMilliseconds:N0} ms " +
                    $"({alerts / clock.Elapsed.TotalSeconds:N0}/s end to end; events posted in {posted.TotalMilliseconds:N0} ms); outbox depth {metrics.OutboxDepth}; " +
                    $"CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / alerts:F0} µs per notification (all threads, HTTP client included); " +
                    $"{(GC.GetTotalAllocatedBytes() - allocated) / alerts:N0} bytes allocated per notification, collections gen 0/1/2: {GC.CollectionCount(0) - collections.Item1}/{GC.CollectionCount(1) - collections.Item2}/{GC.CollectionCount(2) - collections.Item3}");
            }

            sampler?.Print(40);
            await LatencyAsync(http, probe, 300);
        }
        finally
        {
            await app.StopAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>LatencyAsync posts one event at a time, each raising one alert, and times POST sent → the notification's first bytes at the receiver.</summary>
    private static async Task LatencyAsync(HttpClient http, ProbeReceiver probe, int probes)
    {
        var times = new List<double>();
        for (var i = -50; i < probes; i++)
        {
            using var content = new StringContent($$"""{"service":"p{{i + 50}}","metric":"probe","value":1}""", Encoding.UTF8, "application/json");
            var sent = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync("/api/v1/events", content);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var arrived = await probe.NextArrivalAsync(timeout.Token);
            if (i >= 0)
                times.Add(Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds);
            await Task.Delay(5);
        }

        times.Sort();
        Console.WriteLine($"latency, one event → its alert's notification at the receiver ({probes} probes after 50 warm-up): " +
            $"median {times[times.Count / 2]:F3} ms, p90 {times[(int)(times.Count * 0.9)]:F3} ms, p99 {times[(int)(times.Count * 0.99)]:F3} ms");
    }

    private static long Delivered(DeliveryMetrics metrics) =>
        metrics.Attempts.Where(a => a.Key.Outcome == AttemptRecord.Delivered).Sum(a => a.Value);

    /// <summary>PostAsync posts one event per alert (a new service each round), in NDJSON batches of 1,000.</summary>
    private static async Task PostAsync(HttpClient http, int round, int alerts)
    {
        for (var start = 0; start < alerts; start += 1000)
        {
            var lines = Enumerable.Range(start, Math.Min(1000, alerts - start))
                .Select(i => string.Create(CultureInfo.InvariantCulture, $$"""{"service":"r{{round}}-s{{i}}","metric":"load","value":1}"""));
            using var content = new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson");
            using var response = await http.PostAsync("/api/v1/events", content);
            response.EnsureSuccessStatusCode();
        }
    }

    private sealed class PostSinks : ISinkCatalog
    {
        private readonly ISinkPlugin _post = new PostPlugin();

        public bool TryGetSink(string sinkName, [NotNullWhen(true)] out ISinkPlugin? sink)
        {
            sink = sinkName == "post" ? _post : null;
            return sink is not null;
        }
    }

    private sealed class PostPlugin : ISinkPlugin
    {
        public string Name => "post";

        public string DefaultTemplate => "";

        public string ContentType => "application/json";

        public INotificationSink Create(SinkSettings settings) => new PostSink(new Uri(settings.Require("Url")), settings.Http);
    }

    private sealed class PostSink(Uri url, HttpClient http) : INotificationSink
    {
        private static readonly MediaTypeHeaderValue Json = new("application/json");

        private static readonly bool NoNetwork = Environment.GetEnvironmentVariable("BENCH_NO_NETWORK") == "1";

        public async ValueTask<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
        {
            if (NoNetwork)
                return DeliveryResult.Delivered(200); // BENCH_NO_NETWORK=1: the engine's own ceiling, without HTTP
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(notification.Body) };
            request.Content.Headers.ContentType = Json;
            request.Headers.TryAddWithoutValidation("webhook-id", notification.Id);
            using var response = await http.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300 ? DeliveryResult.Delivered(status) : DeliveryResult.Retryable($"HTTP {status}", status);
        }
    }
}
