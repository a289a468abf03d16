using System.Text.Json.Nodes;
using RuleHost.Host.Tests.Support;
using static RuleHost.Host.Tests.Support.Events;

namespace RuleHost.Host.Tests.Hosting;

/// <summary>An edit of a rule file while events stream in: the swap between two events loses none and evaluates none twice.</summary>
public sealed class ReloadUnderLoadTests
{
    private const int Total = 100_000;
    private const int BatchSize = 5_000;
    private const int Senders = 2;

    private HostFixture _host = null!;

    [TearDown]
    public async Task StopHost()
    {
        if (_host is null)
            return; // the host did not start
        _host.ReportIfFailed();
        await _host.DisposeAsync();
        _host = null!;
    }

    [Test]
    public async Task An_edit_while_100k_events_flow_loses_none_and_counts_none_twice()
    {
        _host = await HostFixture.StartAsync(("load.csx", Load(90)));
        var batches = Enumerable.Range(0, Total / BatchSize).Select(Batch).ToList();
        var matching = Enumerable.Range(0, Total).Count(IsLoad);

        // Some batches before the edit, some racing with it, and the last ones only once version 2 runs,
        // so both versions certainly evaluate events and the counter must carry over the swap.
        await SendAsync(batches[..8]);
        _host.Folder.Write("load.csx", Load(95));
        var racing = SendAsync(batches[8..^2]);
        var file = await _host.WaitForRuleFileAsync(
            "load.csx",
            f => (int?)f["version"] == 2 && (string?)HostFixture.RuleIn(f, "Load")?["status"] == "ok",
            "the edit to run");
        var evaluatedAtSwap = (long)(await _host.HealthAsync())["evaluated"]!;
        await racing;
        await SendAsync(batches[^2..]);
        await _host.SettleAsync();

        var health = await _host.HealthAsync();
        var rule = HostFixture.RuleIn((await _host.RuleFileAsync("load.csx"))!, "Load")!;
        TestContext.Out.WriteLine($"the edit was live after {evaluatedAtSwap} of {Total} events had been evaluated");
        Assert.Multiple(() =>
        {
            Assert.That((long)health["received"]!, Is.EqualTo(Total));
            Assert.That((long)health["evaluated"]!, Is.EqualTo(Total));
            Assert.That((long?)rule["matched"], Is.EqualTo(matching), "every matching event counted once, across both versions");
            Assert.That((long?)rule["faults"], Is.Zero);
            Assert.That((string?)file["status"], Is.EqualTo("ok"));
        });
    }

    private static string Load(int threshold) => $$"""
        Rule("Load")
            .Match(e => e.Metric == "load")
            .When(e => e.Value > {{threshold}})
            .KeyBy(e => e.Service);
        """;

    private static bool IsLoad(int i) => i % 3 == 0;

    private static string Batch(int batch) => Ndjson(Enumerable.Range(batch * BatchSize, BatchSize).Select(i =>
        Metric($"svc-{i % 16}", IsLoad(i) ? "load" : "noise", i % 100, TimeSpan.FromMilliseconds(i))));

    /// <summary>SendAsync posts the batches over a few concurrent senders, each in order.</summary>
    private Task SendAsync(IReadOnlyList<string> batches) =>
        Task.WhenAll(Enumerable.Range(0, Senders).Select(async sender =>
        {
            for (var b = sender; b < batches.Count; b += Senders)
                Assert.That(await _host.PostAcceptedAsync(batches[b], "application/x-ndjson"), Is.EqualTo(BatchSize));
        }));
}
