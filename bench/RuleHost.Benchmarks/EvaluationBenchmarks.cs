using BenchmarkDotNet.Attributes;
using RuleHost.Engine.Evaluation;

namespace RuleHost.Benchmarks;

/// <summary>EvaluationBenchmarks measure the engine alone: 100 mixed rules, 10% of events matching; one op is one event.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class EvaluationBenchmarks
{
    private const int Batch = 100_000;

    private RuleEngine _engine = null!;
    private Event[] _events = null!;

    /// <summary>Indexed: Match lambdas compare e.Metric with a literal, so the engine looks rules up by metric.</summary>
    [Params(true, false)]
    public bool Indexed { get; set; }

    /// <summary>Guarded: the sandbox's guards are compiled into the rules (as in the host); false measures what they cost.</summary>
    [Params(true, false)]
    public bool Guarded { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // The host evaluates on a thread whose stack size it knows, where the guard's stack check is a comparison;
        // BenchmarkDotNet runs on the process's main thread, 8 MB on Linux.
        RuleHost.Sandbox.RuleGuard.KnownStack(8 * 1024 * 1024);
        _engine = BenchmarkRules.Engine(Indexed, Guarded);
        _events = BenchmarkRules.Events(Batch);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void Evaluate()
    {
        foreach (var e in _events)
            _engine.Evaluate(e);
    }
}
