using BenchmarkDotNet.Attributes;

namespace RuleHost.Benchmarks;

/// <summary>TemplateBenchmarks measure a cached render of a realistic JSON template (the sample ops-hook): one op is one body.</summary>
/// <remarks>Includes what every render pays: the stat that notices an edited file, choosing the template, running it.</remarks>
[MemoryDiagnoser]
[ShortRunJob]
public class TemplateBenchmarks
{
    private TemplateBench _bench = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bench = new TemplateBench();
        if (_bench.Render().Problem is { } problem)
            throw new InvalidOperationException(problem);
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();

    [Benchmark]
    public string RenderCached() => _bench.Render().Body;
}
