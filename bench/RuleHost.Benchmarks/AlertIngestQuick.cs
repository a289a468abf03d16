using System.Diagnostics;
using System.Text;
using System.Text.Json;
using RuleHost.Engine.Alertmanager;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Ingest;

namespace RuleHost.Benchmarks;

/// <summary>AlertIngestQuick times the Alertmanager-format ingest without HTTP: parse, validate, apply on the engine, for 10,000 distinct alerts.</summary>
internal static class AlertIngestQuick
{
    public static void Run(int alerts = 10_000, int batch = 1_000)
    {
        var bodies = Enumerable.Range(0, alerts / batch).Select(b => Body(b * batch, batch)).ToArray();
        for (var round = 0; round < 20; round++)
        {
            var engine = new RuleEngine(TimeProvider.System, new AlertIndex());
            long parse = 0, validate = 0, apply = 0;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            foreach (var body in bodies)
            {
                var t0 = Stopwatch.GetTimestamp();
                var items = JsonSerializer.Deserialize(body, AlertmanagerJson.Default.ListPostableAlert)!;
                var t1 = Stopwatch.GetTimestamp();
                var now = DateTimeOffset.UtcNow;
                var valid = PostedAlertValidator.Validate(items, now, TimeSpan.FromMinutes(5), new IngestErrorList(100));
                var t2 = Stopwatch.GetTimestamp();
                engine.External.Post(valid, now);
                var t3 = Stopwatch.GetTimestamp();
                (parse, validate, apply) = (parse + t1 - t0, validate + t2 - t1, apply + t3 - t2);
            }

            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine(
                $"alerts round {round}: {alerts / clock.Elapsed.TotalSeconds:N0} alerts/s wall, {alerts / cpuSeconds:N0} alerts per CPU-second " +
                $"(parse {Ms(parse)} ms, validate {Ms(validate)} ms, apply with the alert index {Ms(apply)} ms)");
        }
    }

    private static double Ms(long ticks) => Math.Round(ticks * 1000.0 / Stopwatch.Frequency, 1);

    private static byte[] Body(int first, int count) => Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Range(first, count).Select(i =>
        $$"""{"labels":{"alertname":"Load{{i % 50}}","instance":"host-{{i}}:9100","job":"bench","severity":"warning"},"annotations":{"summary":"load test alert {{i}}","description":"posted by RuleHost.LoadTest"},"generatorURL":"http://prometheus.example/graph?g0.expr=up"}""")) + "]");
}
