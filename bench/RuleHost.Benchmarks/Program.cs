using System.Diagnostics;
using BenchmarkDotNet.Running;
using RuleHost.Benchmarks;

if (args is ["quick-ingest", ..])
{
    IngestQuick.Run();
    return;
}

if (args is ["quick-alerts", ..])
{
    AlertIngestQuick.Run();
    return;
}

if (args is ["delivery-parts", ..])
{
    await DeliveryParts.RunAsync("http://127.0.0.1:18089/hook", 10_000);
    return;
}

if (args is ["delivery", ..])
{
    string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    await DeliveryBench.RunAsync(
        Option("--url") ?? "http://127.0.0.1:18089/hook",
        int.Parse(Option("--alerts") ?? "10000", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Option("--rounds") ?? "3", System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args is ["quick", ..])
{
    // A fast sanity run without BenchmarkDotNet: events/s of the engine alone, indexed and not.
    foreach (var indexed in new[] { true, false })
    {
        var engine = BenchmarkRules.Engine(indexed);
        var events = BenchmarkRules.Events(200_000);
        for (var round = 0; round < 5; round++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var e in events)
                engine.Evaluate(e);
            Console.WriteLine($"indexed={indexed} round {round}: {events.Length / clock.Elapsed.TotalSeconds:N0} events/s");
        }
    }

    return;
}

if (args is ["state", ..])
{
    // The state store alone: N alerts written, checkpointed and loaded back (docs/benchmarks.md).
    StateStoreRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
    return;
}

if (args is ["template-edits", ..])
{
    TemplateEdits.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(EvaluationBenchmarks).Assembly).Run(args);
