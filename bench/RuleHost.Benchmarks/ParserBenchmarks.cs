using System.Text;
using BenchmarkDotNet.Attributes;
using RuleHost.Engine.Ingest;

namespace RuleHost.Benchmarks;

/// <summary>ParserBenchmarks measure ingest parsing of one 1,000-event NDJSON body (about 150 bytes an event).</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ParserBenchmarks
{
    private readonly EventParser _parser = new(TimeProvider.System);
    private byte[] _body = null!;

    [GlobalSetup]
    public void Setup()
    {
        var lines = Enumerable.Range(0, 1000).Select(i =>
            "{\"service\":\"svc" + (i % 20) + "\",\"environment\":\"prod\",\"metric\":\"http_request\",\"value\":" + (i % 97)
            + ".5,\"timestamp\":\"2026-11-26T10:00:" + (i % 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture)
            + "Z\",\"tags\":{\"status\":\"" + (i % 13 == 0 ? 500 : 200) + "\"}}");
        _body = Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    [Benchmark]
    public int Parse1000() => _parser.Parse(_body).Events.Count;
}
