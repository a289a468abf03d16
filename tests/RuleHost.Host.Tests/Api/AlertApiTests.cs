using System.Net;
using System.Text.Json.Nodes;
using RuleHost.Engine.Alerts;
using RuleHost.Host.Tests.Support;
using static RuleHost.Host.Tests.Support.Events;

namespace RuleHost.Host.Tests.Api;

/// <summary>Events in, alerts out: GET /api/v1/alerts over a real host, with the events' own timestamps driving For.</summary>
/// <remarks>One host for the class; each test uses its own keys, so the tests do not see each other's alerts.</remarks>
public sealed class AlertApiTests
{
    private const string Rules = """
        Rule("HighCpu")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Value > 85)
            .ResolveWhen(e => e.Value < 75)
            .For(TimeSpan.FromMinutes(2))
            .KeyBy(e => e.Service)
            .Severity(Severity.Critical)
            .Summary(e => $"CPU {e.Value:F0}% on {e.Service}")
            .Label("team", e => e.Tags["team"]);

        Rule("DiskFull")
            .Match(e => e.Metric == "disk")
            .When(e => e.Value > 90)
            .KeyBy(e => e.Service);
        """;

    private HostFixture _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await HostFixture.StartAsync(("alerts.csx", Rules));

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [TearDown]
    public void Report() => _host.ReportIfFailed();

    [Test]
    public async Task An_alert_fires_once_its_condition_held_for_the_duration_in_event_time()
    {
        var team = new { team = "payments" };
        await _host.PostAcceptedAsync(Json(Cpu("checkout", 91, Minutes(0), team), Cpu("checkout", 95, Minutes(1), team)));
        await _host.SettleAsync();
        Assert.That((string?)(await _host.AlertAsync("HighCpu", "checkout"))?["state"], Is.EqualTo("pending"));

        await _host.PostAcceptedAsync(Json(Cpu("checkout", 93, Minutes(2), team)));
        await _host.SettleAsync();

        var alert = (await _host.AlertAsync("HighCpu", "checkout"))!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)alert["fingerprint"], Is.EqualTo(Fingerprint.Of("HighCpu", "checkout")).And.Match("^[0-9a-f]{16}$"));
            Assert.That((string?)alert["rule"], Is.EqualTo("HighCpu"));
            Assert.That((string?)alert["key"], Is.EqualTo("checkout"));
            Assert.That((string?)alert["state"], Is.EqualTo("firing"));
            Assert.That((string?)alert["severity"], Is.EqualTo("critical"));
            Assert.That((string?)alert["summary"], Is.EqualTo("CPU 93% on checkout"));
            Assert.That(alert["labels"]?.ToJsonString(), Is.EqualTo("""{"team":"payments"}"""));
            Assert.That((DateTimeOffset?)alert["startsAt"], Is.EqualTo(T0));
            Assert.That(alert.ContainsKey("endsAt") && alert["endsAt"] is null, "endsAt is present and null while firing");
            Assert.That((double?)alert["value"], Is.EqualTo(93));
        });
    }

    [Test]
    public async Task A_failing_event_below_the_resolve_condition_resolves_the_alert()
    {
        await _host.PostAcceptedAsync(Json(Cpu("billing", 90, Minutes(0)), Cpu("billing", 90, Minutes(3))));
        await _host.PostAcceptedAsync(Json(Cpu("billing", 80, Minutes(4)))); // between 75 and 85: hysteresis keeps it firing
        await _host.SettleAsync();
        Assert.That((string?)(await _host.AlertAsync("HighCpu", "billing"))?["state"], Is.EqualTo("firing"));

        await _host.PostAcceptedAsync(Json(Cpu("billing", 40, Minutes(5))));
        await _host.SettleAsync();

        var alert = (await _host.AlertAsync("HighCpu", "billing"))!;
        Assert.That((string?)alert["state"], Is.EqualTo("resolved"));
        Assert.That((DateTimeOffset?)alert["endsAt"], Is.EqualTo(T0 + Minutes(5)));
        Assert.That((DateTimeOffset?)alert["startsAt"], Is.EqualTo(T0));
        Assert.That((string?)alert["fingerprint"], Is.EqualTo(Fingerprint.Of("HighCpu", "billing")));
    }

    [Test]
    public async Task Filters_by_state_rule_and_key()
    {
        await _host.PostAcceptedAsync(Json(
            Cpu("f-pending", 90, Minutes(0)),
            Cpu("f-firing", 90, Minutes(0)),
            Cpu("f-firing", 90, Minutes(2)),
            Metric("f-firing", "disk", 95, Minutes(0))));
        await _host.SettleAsync();

        var pending = await Keys("?state=pending");
        var firing = await Keys("?state=firing");
        var disk = await _host.AlertsAsync("?rule=DiskFull");
        var byKey = await _host.AlertsAsync("?key=f-firing");
        var both = await _host.AlertsAsync("?state=firing&rule=HighCpu&key=f-firing");

        Assert.Multiple(() =>
        {
            Assert.That(pending, Does.Contain("HighCpu[f-pending]").And.Not.Contain("HighCpu[f-firing]"));
            Assert.That(firing, Does.Contain("HighCpu[f-firing]").And.Contain("DiskFull[f-firing]").And.Not.Contain("HighCpu[f-pending]"));
            Assert.That(disk.Select(a => (string?)a!["rule"]), Is.Not.Empty.And.All.EqualTo("DiskFull"));
            Assert.That(byKey.Select(a => (string?)a!["rule"]), Is.EquivalentTo(new[] { "HighCpu", "DiskFull" }));
            Assert.That(both, Has.Count.EqualTo(1));
        });
    }

    [TestCase("bogus")]
    [TestCase("1")]
    [TestCase("firing,pending")]
    public async Task An_unknown_state_filter_is_a_bad_request(string state)
    {
        using var response = await _host.Http.GetAsync($"/api/v1/alerts?state={Uri.EscapeDataString(state)}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    private async Task<List<string>> Keys(string query) =>
        [.. (await _host.AlertsAsync(query)).OfType<JsonObject>().Select(a => $"{(string?)a["rule"]}[{(string?)a["key"]}]")];
}
