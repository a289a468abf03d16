using System.Diagnostics;
using RuleHost.Engine.Delivery;
using RuleHost.Engine.Delivery.Http;
using RuleHost.Engine.Storage;
using RuleHost.Notifications;

namespace RuleHost.Benchmarks;

/// <summary>DeliveryParts times the pieces of the delivery path alone: outbox insert, audit write, and raw HTTP POSTs to the receiver.</summary>
internal static class DeliveryParts
{
    public static async Task RunAsync(string url, int count)
    {
        var root = Directory.CreateTempSubdirectory("rulehost-delivery-parts").FullName;
        var store = new OutboxStore(new StateDatabase(root, OutboxStore.FileName));
        var items = Enumerable.Range(0, count).Select(i => new Outgoing(new Alert
        {
            Fingerprint = $"{i:x16}", Rule = "Bench", Key = $"s{i}", State = AlertState.Firing, StartsAt = DateTimeOffset.UtcNow,
        }, "hook", NotificationKind.Firing, null) { Body = "{\"hello\":\"world\"}", CreatedAt = DateTimeOffset.UtcNow }).ToList();
        for (var round = 1; round <= 5; round++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var chunk in items.Chunk(1024))
                store.Insert(chunk);
            var insert = clock.Elapsed;
            clock.Restart();
            var changes = items.Select(o => new OutboxChange(new AttemptRecord(o.Id, o.Alert.Fingerprint, "hook", o.Kind, 1, DateTimeOffset.UtcNow, 0.3, 200, null, "delivered"), o.Seq, OutboxRowChange.Delete)).ToList();
            foreach (var chunk in changes.Chunk(8192))
                store.Apply(chunk);
            Console.WriteLine($"round {round}: outbox insert {count / insert.TotalSeconds:N0}/s; audit+delete {count / clock.Elapsed.TotalSeconds:N0}/s");
            items = [.. items.Select(o => new Outgoing(o.Alert, o.Target, o.Kind, null) { Body = o.Body, CreatedAt = o.CreatedAt })];
        }

        // One notification alone (the latency case): a transaction of one row.
        var single = new List<double>();
        foreach (var item in items.Take(2000).Select(o => new Outgoing(o.Alert, o.Target, o.Kind, null) { Body = o.Body, CreatedAt = o.CreatedAt }))
        {
            var start = Stopwatch.GetTimestamp();
            store.Insert([item]);
            single.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        single.Sort();
        Console.WriteLine($"outbox insert of one row in its own transaction: median {single[single.Count / 2]:F0} µs, p90 {single[single.Count * 9 / 10]:F0} µs");

        const int posts = 50_000;
        using var sockets = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue });
        using var pipelined = new HttpClient(new PipelinedHttpHandler(new SocketsHttpHandler(), connectionsPerOrigin: 4, depth: 32));
        foreach (var (name, http) in new[] { ("SocketsHttpHandler", sockets), ("PipelinedHttpHandler", pipelined) })
        {
            foreach (var concurrency in new[] { 64, 256, 64, 256 })
            {
                var next = 0;
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
                {
                    while (Interlocked.Increment(ref next) <= posts)
                    {
                        using var content = new StringContent("{\"hello\":\"world\"}");
                        using var response = await http.PostAsync(url, content);
                    }
                }));
                Console.WriteLine($"{name} POSTs, {concurrency} in flight: {posts / clock.Elapsed.TotalSeconds:N0}/s, CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / posts:F1} µs a POST");
            }
        }

        Directory.Delete(root, recursive: true);
    }
}
