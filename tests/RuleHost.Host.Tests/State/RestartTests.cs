using System.Text.Json.Nodes;
using RuleHost.Host.Tests.Support;
using static RuleHost.Host.Tests.Support.Events;

namespace RuleHost.Host.Tests.State;

/// <summary>Alerts survive the host stopping, gracefully or by SIGKILL, on the same data folder.</summary>
public sealed class RestartTests
{
    private const string Rules = """
        Rule("HighCpu")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Value > 85)
            .KeyBy(e => e.Service)
            .Summary(e => $"CPU {e.Value:F0}% on {e.Service}");
        """;

    [Test]
    public async Task A_firing_alert_is_still_firing_after_a_graceful_restart_and_is_not_announced_again()
    {
        var host = await HostFixture.StartAsync(("cpu.csx", Rules));
        try
        {
            await host.PostAcceptedAsync(Json(Cpu("api", 95, Minutes(0))));
            var before = await host.WaitForAlertAsync("HighCpu", "api", "firing");

            host = await host.RestartAsync();

            var after = await host.AlertAsync("HighCpu", "api");
            Assert.That(after, Is.Not.Null, "the alert came back from the data folder");
            Assert.That((string?)after!["state"], Is.EqualTo("firing"));
            Assert.That((string?)after["fingerprint"], Is.EqualTo((string?)before["fingerprint"]));
            Assert.That((string?)after["startsAt"], Is.EqualTo((string?)before["startsAt"]));

            await host.PostAcceptedAsync(Json(Cpu("api", 97, Minutes(1)), Cpu("api", 10, Minutes(2))));
            var resolved = await host.WaitForAlertAsync("HighCpu", "api", "resolved");
            Assert.That((string?)resolved["fingerprint"], Is.EqualTo((string?)before["fingerprint"]));
            Assert.That(host.Console.Lines.Count(l => l.Contains("FIRING", StringComparison.Ordinal)), Is.Zero, "no new firing after the restart");
            Assert.That(host.Console.Lines.Count(l => l.Contains("RESOLVED", StringComparison.Ordinal)), Is.EqualTo(1));
        }
        finally
        {
            host.ReportIfFailed();
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task An_acknowledgement_survives_a_restart()
    {
        var host = await HostFixture.StartAsync(("cpu.csx", Rules));
        try
        {
            await host.PostAcceptedAsync(Json(Cpu("db", 95, Minutes(0))));
            var fingerprint = (string)(await host.WaitForAlertAsync("HighCpu", "db", "firing"))["fingerprint"]!;
            using (var ack = await host.Http.PostAsync($"/api/v1/alerts/{fingerprint}/ack", null))
                Assert.That(ack.IsSuccessStatusCode, Is.True);

            host = await host.RestartAsync();

            var alert = await host.GetJsonAsync($"/api/v1/alerts/{fingerprint}");
            Assert.That((string?)alert["alert"]!["state"], Is.EqualTo("acknowledged"));
            Assert.That(alert["history"]!.AsArray().Select(h => (string?)h!["state"]), Is.EqualTo(new[] { "firing", "acknowledged" }));
        }
        finally
        {
            host.ReportIfFailed();
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task A_firing_alert_survives_SIGKILL_with_its_fingerprint_and_start()
    {
        using var folder = new RuleFolder();
        folder.Write("cpu.csx", Rules);
        JsonNode before;
        await using (var first = await ChildHost.StartAsync(folder))
        {
            using var posted = await first.Http.PostAsync("/api/v1/events", new StringContent(Json(Cpu("web", 95, Minutes(0))), System.Text.Encoding.UTF8, "application/json"));
            Assert.That((int)posted.StatusCode, Is.EqualTo(202));
            before = (await first.WaitForAsync("/api/v1/alerts?rule=HighCpu&key=web", a => a.AsArray().Count == 1 && (string?)a[0]!["state"] == "firing", "HighCpu[web] firing"))[0]!;
            await first.KillAsync();
        }

        await using var second = await ChildHost.StartAsync(folder);
        var after = (await second.GetJsonAsync("/api/v1/alerts?rule=HighCpu&key=web")).AsArray();

        Assert.That(after, Has.Count.EqualTo(1), string.Join('\n', second.Output));
        Assert.That((string?)after[0]!["state"], Is.EqualTo("firing"));
        Assert.That((string?)after[0]!["fingerprint"], Is.EqualTo((string?)before["fingerprint"]));
        Assert.That((string?)after[0]!["startsAt"], Is.EqualTo((string?)before["startsAt"]));
    }

    [Test]
    public async Task Events_acknowledged_with_202_are_evaluated_after_a_SIGKILL_right_after_the_answer()
    {
        using var folder = new RuleFolder();
        folder.Write("cpu.csx", Rules);
        var services = Enumerable.Range(0, 200).Select(i => $"svc-{i}").ToList();
        await using (var first = await ChildHost.StartAsync(folder))
        {
            using var posted = await first.Http.PostAsync("/api/v1/events", new StringContent(Json([.. services.Select(s => Cpu(s, 95, Minutes(0)))]), System.Text.Encoding.UTF8, "application/json"));
            Assert.That((int)posted.StatusCode, Is.EqualTo(202));
            await first.KillAsync(); // at once: evaluation and saving may not have happened yet
        }

        await using var second = await ChildHost.StartAsync(folder);
        var alerts = (await second.GetJsonAsync("/api/v1/alerts?rule=HighCpu&state=firing")).AsArray();

        Assert.That(alerts.Select(a => (string?)a!["key"]), Is.EquivalentTo(services), string.Join('\n', second.Output));
    }

    [Test]
    public async Task An_alert_posted_in_Alertmanager_format_survives_SIGKILL_and_still_ends_on_time()
    {
        using var folder = new RuleFolder();
        folder.Write("cpu.csx", Rules);
        folder.WriteConfig("""{"RuleHost": {"ResolveTimeout": "00:00:03"}}""");
        const string posted = """[{"labels": {"alertname": "DiskFull", "instance": "db-1"}, "annotations": {"summary": "disk full on db-1"}}]""";
        await using (var first = await ChildHost.StartAsync(folder))
        {
            using var response = await first.Http.PostAsync("/api/v2/alerts", new StringContent(posted, System.Text.Encoding.UTF8, "application/json"));
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            await first.KillAsync(); // at once: the 200 promised it was saved
        }

        await using var second = await ChildHost.StartAsync(folder);
        var alerts = (await second.GetJsonAsync("/api/v1/alerts?rule=DiskFull")).AsArray();
        Assert.That(alerts, Has.Count.EqualTo(1), string.Join('\n', second.Output));
        Assert.That((string?)alerts[0]!["summary"], Is.EqualTo("disk full on db-1"));

        // Its end (3 s after the post, never re-posted) still comes: the restored alert is owned by the engine, not a leftover.
        await second.WaitForAsync("/api/v1/alerts?rule=DiskFull&state=resolved", a => a.AsArray().Count == 1, "DiskFull to resolve at its end");
    }
}
