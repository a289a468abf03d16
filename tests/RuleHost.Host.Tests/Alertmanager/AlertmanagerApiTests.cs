using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Alertmanager;

/// <summary>POST and GET /api/v2/alerts on a real host: Alertmanager's shapes in, alerts like any other out.</summary>
/// <remarks>One host for the class; each test uses its own alertname, so the tests do not see each other's alerts.</remarks>
public sealed class AlertmanagerApiTests
{
    private const string Rules = """
        Rule("HighCpu")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Value > 85)
            .KeyBy(e => e.Service)
            .Severity(Severity.Critical);

        Route(a => a.Severity >= Severity.Critical, "oncall-pagerduty");
        Route(a => true, "ops-slack");
        """;

    private HostFixture _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await HostFixture.StartAsync(("rules.csx", Rules));

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [TearDown]
    public void Report() => _host.ReportIfFailed();

    [Test]
    public async Task A_posted_alert_is_listed_as_an_alert_of_its_alertname_and_routed_by_Route()
    {
        await PostOkAsync("""
            [{"labels": {"alertname": "Posted1", "instance": "web-1", "job": "api", "severity": "critical"},
              "annotations": {"summary": "web-1 is down", "runbook_url": "https://runbooks/down"},
              "generatorURL": "http://prometheus/graph"}]
            """);

        var alert = await _host.WaitForAlertAsync("Posted1", "instance=web-1,job=api,severity=critical", "firing");
        Assert.That((string?)alert["summary"], Is.EqualTo("web-1 is down"));
        Assert.That((string?)alert["severity"], Is.EqualTo("critical"));
        Assert.That((string?)alert["labels"]!["instance"], Is.EqualTo("web-1"));
        Assert.That((string?)alert["fingerprint"], Has.Length.EqualTo(16));
        await WaitForConsoleAsync("Posted1", "→ oncall-pagerduty");
    }

    [Test]
    public async Task GET_v2_returns_gettable_alerts_as_posted()
    {
        var starts = DateTimeOffset.UtcNow.AddMinutes(-3);
        await PostOkAsync($$"""
            [{"labels": {"alertname": "Posted2", "job": "db"}, "annotations": {"summary": "s"},
              "startsAt": "{{starts:O}}", "generatorURL": "http://prometheus/graph?g0"}]
            """);

        var alert = (await V2Async("?filter=alertname%3D%22Posted2%22")).Single()!;

        Assert.That(alert["labels"]!.ToJsonString(), Is.EqualTo("""{"alertname":"Posted2","job":"db"}"""));
        Assert.That(alert["annotations"]!.ToJsonString(), Is.EqualTo("""{"summary":"s"}"""));
        Assert.That((DateTimeOffset)alert["startsAt"]!, Is.EqualTo(starts));
        Assert.That((DateTimeOffset)alert["endsAt"]!, Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(4)), "now + the 5-minute resolve timeout");
        Assert.That((string?)alert["status"]!["state"], Is.EqualTo("active"));
        Assert.That(alert["status"]!["silencedBy"]!.AsArray(), Is.Empty);
        Assert.That(alert["receivers"]!.AsArray().Select(r => (string?)r!["name"]), Is.EqualTo(new[] { "ops-slack" }));
        Assert.That((string?)alert["generatorURL"], Is.EqualTo("http://prometheus/graph?g0"));
        Assert.That((string?)alert["fingerprint"], Is.EqualTo((string?)(await _host.AlertAsync("Posted2", "job=db"))!["fingerprint"]));
    }

    [Test]
    public async Task GET_v2_lists_firing_rule_alerts_too()
    {
        await _host.PostAcceptedAsync("""{"service": "v2-listed", "metric": "cpu", "value": 99}""");
        await _host.WaitForAlertAsync("HighCpu", "v2-listed", "firing");

        var alert = (await V2Async("?filter=alertname=HighCpu")).Single()!;

        Assert.That((string?)alert["labels"]!["severity"], Is.EqualTo("critical"));
        Assert.That((string?)alert["annotations"]!["summary"], Is.EqualTo("HighCpu on v2-listed"));
        Assert.That(alert["receivers"]!.AsArray().Select(r => (string?)r!["name"]), Is.EqualTo(new[] { "oncall-pagerduty" }));
    }

    [Test]
    public async Task Filters_by_matchers_and_by_active()
    {
        await PostOkAsync("""
            [{"labels": {"alertname": "Filtered", "zone": "eu-1"}}, {"labels": {"alertname": "Filtered", "zone": "us-2"}}]
            """);

        Assert.That(await ZonesAsync("?filter=alertname%3D%22Filtered%22&filter=zone%3D~%22eu.%2A%22"), Is.EqualTo(new[] { "eu-1" }));
        Assert.That(await ZonesAsync("?filter=alertname%3D%22Filtered%22&filter=zone!%3D%22eu-1%22"), Is.EqualTo(new[] { "us-2" }));
        Assert.That(await ZonesAsync("?filter=alertname%3D%22Filtered%22&active=false"), Is.Empty);
    }

    [Test]
    public async Task A_bad_filter_is_a_400_naming_it()
    {
        using var response = await _host.Http.GetAsync("/api/v2/alerts?filter=zone%3D~%22(%22");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(text, Does.Contain("filter"));
    }

    [Test]
    public async Task An_end_in_the_past_resolves_the_alert()
    {
        await PostOkAsync("""[{"labels": {"alertname": "Ended", "job": "x"}}]""");
        await _host.WaitForAlertAsync("Ended", "job=x", "firing");

        var ended = DateTimeOffset.UtcNow.AddSeconds(-1);
        await PostOkAsync($$"""[{"labels": {"alertname": "Ended", "job": "x"}, "endsAt": "{{ended:O}}"}]""");

        var alert = await _host.WaitForAlertAsync("Ended", "job=x", "resolved");
        Assert.That((DateTimeOffset)alert["endsAt"]!, Is.EqualTo(ended));
        Assert.That(await V2Async("?filter=alertname%3DEnded"), Is.Empty);
    }

    [Test]
    public async Task A_batch_with_a_bad_item_is_refused_whole_naming_the_item_and_field()
    {
        using var response = await PostAsync("""
            [{"labels": {"alertname": "Refused", "job": "a"}},
             {"annotations": {"summary": "no labels"}},
             {"labels": {"alertname": "Refused"}, "startsAt": "yesterday"}]
            """);
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var error = JsonNode.Parse(text)!["errors"]!.AsArray().Single()!;
        Assert.That(((int?)error["item"], (string?)error["field"]), Is.EqualTo((2, "startsAt")), "a JSON error stops parsing at the item it is in");
        Assert.That((string?)error["message"], Is.EqualTo("must be an RFC 3339 date-time string"));

        using var second = await PostAsync("""[{"labels": {"alertname": "Refused", "job": "a"}}, {"annotations": {"summary": "no labels"}}]""");
        var problem = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(((int?)problem["errors"]![0]!["item"], (string?)problem["errors"]![0]!["field"]), Is.EqualTo((1, "labels")));
        Assert.That(await _host.AlertsAsync("?rule=Refused"), Is.Empty, "nothing of a refused batch is taken");
    }

    [Test]
    public async Task A_body_that_is_not_an_array_is_a_400()
    {
        using var response = await PostAsync("""{"labels": {"alertname": "NotArray"}}""");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(text, Does.Contain("JSON array"));
    }

    private async Task<HttpResponseMessage> PostAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await _host.Http.PostAsync("/api/v2/alerts", content);
    }

    private async Task PostOkAsync(string body)
    {
        using var response = await PostAsync(body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonArray> V2Async(string query) => (await _host.GetJsonAsync("/api/v2/alerts" + query)).AsArray();

    private async Task<string?[]> ZonesAsync(string query) =>
        [.. (await V2Async(query)).Select(a => (string?)a!["labels"]!["zone"]).Order()];

    private Task WaitForConsoleAsync(string rule, string text) =>
        _host.Console.WaitForLineAsync(l => l.Contains(rule, StringComparison.Ordinal) && l.Contains(text, StringComparison.Ordinal), $"{rule} printed with '{text}'");
}
