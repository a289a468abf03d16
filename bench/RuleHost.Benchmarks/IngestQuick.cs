using System.Diagnostics;
using System.Globalization;
using System.Text;
using RuleHost.Engine.Ingest;

namespace RuleHost.Benchmarks;

/// <summary>IngestQuick times ingest parsing of 1,000-event NDJSON bodies with and without client ids, and the id-window check, without BenchmarkDotNet (whose generated project does not build in time on a busy machine).</summary>
/// <remarks>Every body has distinct ids, so the window check never meets a repeat: the cost measured is the remembering, the common case.</remarks>
internal static class IngestQuick
{
    private const int Bodies = 50;
    private const int Rounds = 10;

    public static void Run()
    {
        var parser = new EventParser(TimeProvider.System);
        var plain = Enumerable.Range(0, Bodies).Select(b => Body(b, ids: false)).ToArray();
        var withIds = Enumerable.Range(0, Bodies * Rounds).Select(b => Body(b, ids: true)).ToArray();

        // Warm-up (JIT, tiering, the string cache): one pass over every path, thrown away.
        var warm = new EventIdWindow(TimeProvider.System);
        foreach (var body in plain)
            parser.Parse(body);
        foreach (var body in withIds.AsSpan(0, Bodies))
        {
            var parsed = parser.Parse(body);
            warm.Admit(parsed.Events, parsed.ClientIds);
        }

        Report("parse, generated ids", Measure(r => plain, body => parser.Parse(body)));
        Report("parse, client ids", Measure(r => withIds.AsSpan(r * Bodies, Bodies).ToArray(), body => parser.Parse(body)));
        PairedWindowCost(parser, withIds);
    }

    /// <summary>PairedWindowCost times each round's bodies parsed, then the id window checking those events, back to back, so a busy machine slows both alike.</summary>
    private static void PairedWindowCost(EventParser parser, byte[][] bodies)
    {
        var window = new EventIdWindow(TimeProvider.System);
        var parse = new List<double>();
        var check = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var parsed = bodies.AsSpan(round * Bodies, Bodies).ToArray().Select(b => parser.Parse(b)).ToList();
            parse.Add(clock.Elapsed.TotalNanoseconds / (Bodies * 1000.0));
            clock.Restart();
            foreach (var p in parsed)
                window.Admit(p.Events, p.ClientIds);
            check.Add(clock.Elapsed.TotalNanoseconds / (Bodies * 1000.0));
        }

        Report("paired: parse, client ids", parse);
        Report($"paired: id window ({window.Count:N0} ids held)", check);
        var ratios = parse.Zip(check, (p, c) => c / p).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"paired: window / parse, median {ratios[ratios.Count / 2]:P0} (min {ratios[0]:P0}, max {ratios[^1]:P0})"));
    }

    private static List<double> Measure(Func<int, byte[][]> bodies, Action<byte[]> ingest, int rounds = Rounds)
    {
        var nsPerEvent = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var set = bodies(round);
            var clock = Stopwatch.StartNew();
            foreach (var body in set)
                ingest(body);
            nsPerEvent.Add(clock.Elapsed.TotalNanoseconds / (set.Length * 1000.0));
        }

        return nsPerEvent;
    }

    private static void Report(string what, List<double> nsPerEvent)
    {
        nsPerEvent.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-44} median {nsPerEvent[nsPerEvent.Count / 2],7:F0} ns/event (min {nsPerEvent[0]:F0}, max {nsPerEvent[^1]:F0}) over {nsPerEvent.Count} rounds of {Bodies}x1000 events"));
    }

    private static byte[] Body(int body, bool ids) =>
        Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(0, 1000).Select(i =>
            (ids ? $"{{\"id\":\"client-{body}-{i}-7c9e6679-7425-40de\"," : "{")
            + "\"service\":\"svc" + (i % 20) + "\",\"environment\":\"prod\",\"metric\":\"http_request\",\"value\":" + (i % 97)
            + ".5,\"timestamp\":\"2026-11-26T10:00:" + (i % 60).ToString("00", CultureInfo.InvariantCulture)
            + "Z\",\"tags\":{\"status\":\"" + (i % 13 == 0 ? 500 : 200) + "\"}}")));
}
