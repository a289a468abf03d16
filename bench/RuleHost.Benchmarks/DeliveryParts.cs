using System.Diagnostics;
using RuleHost.Engine.Delivery;
using RuleHost.Engine.Storage;
using RuleHost.Notifications;

namespace RuleHost.Benchmarks;

/// <summary>DeliveryParts times the pieces of the delivery path alone: outbox insert, audit write, and raw HTTP POSTs to the receiver.</summary>
internal static class DeliveryParts
{
    public static async Task RunAsync(string url, int count)
    {
        var root = Directory.CreateTempSubdirectory("rulehost-delivery-parts").FullName;
        var store = new OutboxStore(new StateDatabase(root));
        var items = Enumerable.Range(0, count).Select(i => new Outgoing(new Alert
        {
            Fingerprint = $"{i:x16}", Rule = "Bench", Key = $"s{i}", State = AlertState.Firing, StartsAt = DateTimeOffset.UtcNow,
        }, "hook", NotificationKind.Firing, null) { Body = "{\"hello\":\"world\"}", CreatedAt = DateTimeOffset.UtcNow }).ToList();
        foreach (var rowsPerStatement in new[] { 1, 8, 32, 1, 8, 32, 1, 8, 32 })
        {
            MultiRowInsert.RowsPerStatement = rowsPerStatement;
            var clock = Stopwatch.StartNew();
            foreach (var chunk in items.Chunk(1024))
                store.Insert(chunk);
            var insert = clock.Elapsed;
            clock.Restart();
            var changes = items.Select(o => new OutboxChange(new AttemptRecord(o.Id, o.Alert.Fingerprint, "hook", o.Kind, 1, DateTimeOffset.UtcNow, 0.3, 200, null, "delivered"), o.Seq, OutboxRowChange.Delete)).ToList();
            foreach (var chunk in changes.Chunk(8192))
                store.Apply(chunk);
            Console.WriteLine($"{rowsPerStatement} rows a statement: outbox insert {count / insert.TotalSeconds:N0}/s; audit+delete {count / clock.Elapsed.TotalSeconds:N0}/s");
            items = [.. items.Select(o => new Outgoing(o.Alert, o.Target, o.Kind, null) { Body = o.Body, CreatedAt = o.CreatedAt })];
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue });
        foreach (var concurrency in new[] { 64, 256 })
        {
            var next = 0;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) <= count)
                {
                    using var content = new StringContent("{\"hello\":\"world\"}");
                    using var response = await http.PostAsync(url, content);
                }
            }));
            Console.WriteLine($"raw HttpClient POSTs, {concurrency} in flight: {count / clock.Elapsed.TotalSeconds:N0}/s");
        }

        Directory.Delete(root, recursive: true);
    }
}
