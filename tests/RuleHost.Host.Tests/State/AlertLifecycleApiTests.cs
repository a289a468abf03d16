using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RuleHost.Host.Tests.Support;
using static RuleHost.Host.Tests.Support.Events;

namespace RuleHost.Host.Tests.State;

/// <summary>Acknowledge and resolve by hand through the API, each change in the alert's history with who and when.</summary>
public sealed class AlertLifecycleApiTests
{
    private const string Rules = """
        Rule("HighCpu")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Value > 85)
            .KeyBy(e => e.Service);

        Rule("SlowCpu")
            .Match(e => e.Metric == "slowcpu")
            .When(e => e.Value > 85)
            .For(TimeSpan.FromMinutes(10))
            .KeyBy(e => e.Service);
        """;

    private HostFixture _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await HostFixture.StartAsync(("cpu.csx", Rules));

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [TearDown]
    public void Report() => _host.ReportIfFailed();

    [Test]
    public async Task Acknowledging_a_firing_alert_records_who_and_when()
    {
        await _host.PostAcceptedAsync(Json(Cpu("ack-me", 95, Minutes(0))));
        var fingerprint = (string)(await _host.WaitForAlertAsync("HighCpu", "ack-me", "firing"))["fingerprint"]!;

        var acked = await PostAsync($"/api/v1/alerts/{fingerprint}/ack", new { by = "alice", comment = "looking into it" }, HttpStatusCode.OK);

        Assert.That((string?)acked["state"], Is.EqualTo("acknowledged"));
        Assert.That((string?)acked["acknowledgedBy"], Is.EqualTo("alice"));
        var history = (await _host.GetJsonAsync($"/api/v1/alerts/{fingerprint}"))["history"]!.AsArray();
        Assert.That(history.Select(h => (string?)h!["state"]), Is.EqualTo(new[] { "firing", "acknowledged" }));
        Assert.That((string?)history[1]!["by"], Is.EqualTo("alice"));
        Assert.That((string?)history[1]!["comment"], Is.EqualTo("looking into it"));
        Assert.That(history[1]!["at"], Is.Not.Null);
    }

    [Test]
    public async Task An_acknowledged_alert_still_resolves_when_its_condition_clears()
    {
        await _host.PostAcceptedAsync(Json(Cpu("ack-then-clear", 95, Minutes(0))));
        var fingerprint = (string)(await _host.WaitForAlertAsync("HighCpu", "ack-then-clear", "firing"))["fingerprint"]!;
        await PostAsync($"/api/v1/alerts/{fingerprint}/ack", null, HttpStatusCode.OK);

        await _host.PostAcceptedAsync(Json(Cpu("ack-then-clear", 10, Minutes(1))));

        var resolved = await _host.WaitForAlertAsync("HighCpu", "ack-then-clear", "resolved");
        Assert.That((string?)resolved["fingerprint"], Is.EqualTo(fingerprint));
    }

    [Test]
    public async Task Resolving_by_hand_ends_the_alert_and_a_new_breach_raises_it_again()
    {
        await _host.PostAcceptedAsync(Json(Cpu("resolve-me", 95, Minutes(0))));
        var fingerprint = (string)(await _host.WaitForAlertAsync("HighCpu", "resolve-me", "firing"))["fingerprint"]!;

        var resolved = await PostAsync($"/api/v1/alerts/{fingerprint}/resolve", new { by = "bob" }, HttpStatusCode.OK);
        Assert.That((string?)resolved["state"], Is.EqualTo("resolved"));
        Assert.That(resolved["endsAt"], Is.Not.Null);

        await _host.PostAcceptedAsync(Json(Cpu("resolve-me", 96, Minutes(2))));
        await _host.WaitForAlertAsync("HighCpu", "resolve-me", "firing");
        var history = (await _host.GetJsonAsync($"/api/v1/alerts/{fingerprint}"))["history"]!.AsArray();
        Assert.That(history.Select(h => (string?)h!["state"]), Is.EqualTo(new[] { "firing", "resolved", "firing" }));
        Assert.That((string?)history[1]!["by"], Is.EqualTo("bob"));
    }

    [Test]
    public async Task An_alert_posted_in_Alertmanager_format_can_be_acknowledged_and_resolved()
    {
        using var content = new StringContent("""[{"labels": {"alertname": "PostedAlert", "job": "node"}}]""", System.Text.Encoding.UTF8, "application/json");
        using (var posted = await _host.Http.PostAsync("/api/v2/alerts", content))
            Assert.That((int)posted.StatusCode, Is.EqualTo(200));
        var alert = (await _host.AlertsAsync("?rule=PostedAlert")).Single()!;
        var fingerprint = (string)alert["fingerprint"]!;

        var acked = await PostAsync($"/api/v1/alerts/{fingerprint}/ack", new { by = "carol" }, HttpStatusCode.OK);
        Assert.That((string?)acked["state"], Is.EqualTo("acknowledged"));
        var resolved = await PostAsync($"/api/v1/alerts/{fingerprint}/resolve", null, HttpStatusCode.OK);
        Assert.That((string?)resolved["state"], Is.EqualTo("resolved"));
    }

    [Test]
    public async Task An_unknown_fingerprint_is_404()
    {
        await PostAsync("/api/v1/alerts/0123456789abcdef/ack", null, HttpStatusCode.NotFound);
        await PostAsync("/api/v1/alerts/0123456789abcdef/resolve", null, HttpStatusCode.NotFound);
        using var response = await _host.Http.GetAsync("/api/v1/alerts/0123456789abcdef");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_pending_alert_cannot_be_acknowledged()
    {
        await _host.PostAcceptedAsync(Json(Metric("pending-one", "slowcpu", 95, Minutes(0))));
        var fingerprint = (string)(await _host.WaitForAlertAsync("SlowCpu", "pending-one", "pending"))["fingerprint"]!;

        var problem = await PostAsync($"/api/v1/alerts/{fingerprint}/ack", null, HttpStatusCode.Conflict);

        Assert.That((string?)problem["detail"], Does.Contain("pending"));
    }

    [Test]
    public async Task A_body_that_is_not_an_object_is_400()
    {
        await _host.PostAcceptedAsync(Json(Cpu("bad-body", 95, Minutes(0))));
        var fingerprint = (string)(await _host.WaitForAlertAsync("HighCpu", "bad-body", "firing"))["fingerprint"]!;

        using var content = new StringContent("[1,2", System.Text.Encoding.UTF8, "application/json");
        using var response = await _host.Http.PostAsync($"/api/v1/alerts/{fingerprint}/ack", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    private async Task<JsonNode> PostAsync(string path, object? body, HttpStatusCode expected)
    {
        using var response = body is null ? await _host.Http.PostAsync(path, null) : await _host.Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        return JsonNode.Parse(text)!;
    }
}
