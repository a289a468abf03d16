using System.Net;
using System.Text.Json.Nodes;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Api;

/// <summary>POST /api/v1/events: the three body shapes, and invalid bodies rejected whole with a problem naming item and field.</summary>
public sealed class EventIngestTests
{
    // Fires on every accepted probe event, so "nothing accepted" can also be checked as "no alert".
    private const string Probe = """
        Rule("Probe")
            .Match(e => e.Metric == "probe")
            .When(e => true)
            .KeyBy(e => e.Service);
        """;

    private HostFixture _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await HostFixture.StartAsync(("probe.csx", Probe));

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [TearDown]
    public void Report() => _host.ReportIfFailed();

    [Test]
    public async Task One_object_is_accepted()
    {
        var before = await ReceivedAsync();

        var accepted = await _host.PostAcceptedAsync(Events.Json(Events.Metric("one", "probe", 1, TimeSpan.Zero)));

        Assert.That(accepted, Is.EqualTo(1));
        Assert.That(await ReceivedAsync(), Is.EqualTo(before + 1));
        await _host.SettleAsync();
        Assert.That(await _host.AlertAsync("Probe", "one"), Is.Not.Null);
    }

    [Test]
    public async Task An_array_is_accepted_whole()
    {
        var before = await ReceivedAsync();

        var accepted = await _host.PostAcceptedAsync(Events.Json(
            Events.Metric("arr", "probe", 1, TimeSpan.Zero),
            Events.Metric("arr", "probe", 2, Events.Minutes(1)),
            new { service = "arr", message = "a log line", severity = "info", custom = new { nested = true } }));

        Assert.That(accepted, Is.EqualTo(3));
        Assert.That(await ReceivedAsync(), Is.EqualTo(before + 3));
    }

    [Test]
    public async Task Ndjson_is_accepted_line_by_line()
    {
        var before = await ReceivedAsync();
        var body = Events.Ndjson([
            Events.Metric("nd", "probe", 1, TimeSpan.Zero),
            Events.Metric("nd", "probe", 2, Events.Minutes(1)),
            new { service = "nd", timestamp = 1767261600 },
        ]);

        var accepted = await _host.PostAcceptedAsync(body, "application/x-ndjson");

        Assert.That(accepted, Is.EqualTo(3));
        Assert.That(await ReceivedAsync(), Is.EqualTo(before + 3));
    }

    private static IEnumerable<TestCaseData> InvalidBodies()
    {
        const string ok = """{"service": "rejected", "metric": "probe", "value": 1}""";
        yield return Case("missing service", $$"""[{{ok}}, {"metric": "probe", "value": 1}]""", item: 1, field: "service");
        yield return Case("empty service", $$"""[{{ok}}, {"service": "", "metric": "probe"}]""", item: 1, field: "service");
        yield return Case("service not a string", $$"""[{{ok}}, {"service": 7}]""", item: 1, field: "service");
        yield return Case("value of the wrong type", $$"""[{{ok}}, {"service": "a", "value": "high"}]""", item: 1, field: "value");
        yield return Case("bad timestamp", $$"""[{{ok}}, {{ok}}, {"service": "a", "timestamp": "yesterday"}]""", item: 2, field: "timestamp");
        yield return Case("negative unix timestamp", $$"""[{{ok}}, {"service": "a", "timestamp": -5}]""", item: 1, field: "timestamp");
        yield return Case("tag with a number", $$"""[{{ok}}, {"service": "a", "tags": {"team": "core", "shard": 3} }]""", item: 1, field: "tags.shard");
        yield return Case("tag with an object", """[{"service": "a", "tags": {"x": {"y": "z"} }, "metric": "probe"}, """ + ok + "]", item: 0, field: "tags.x");
        yield return Case("tags not an object", $$"""[{{ok}}, {"service": "a", "tags": ["x"]}]""", item: 1, field: "tags");
        yield return Case("item not an object", $$"""[{{ok}}, 42]""", item: 1, field: null);
        yield return Case("array item in an array", $"[{ok}, [{ok}]]", item: 1, field: null);
        yield return Case("malformed JSON in the middle of NDJSON", $"{ok}\n{{\"service\": \"a\", oops}}\n{ok}\n", item: 1, field: null, contentType: "application/x-ndjson");
        yield return Case("invalid line in the middle of NDJSON", $"{ok}\n{ok}\n{{\"service\": \"a\", \"value\": true}}\n{ok}\n", item: 2, field: "value", contentType: "application/x-ndjson");
        yield return Case("truncated array", $$"""[{{ok}}, {"service": "a"}""", item: 2, field: null);
        yield return Case("empty body", "", item: 0, field: null);
        yield return Case("empty array", "[]", item: 0, field: null);
        yield return Case("whitespace only", " \n ", item: 0, field: null, contentType: "application/x-ndjson");
    }

    [TestCaseSource(nameof(InvalidBodies))]
    public async Task An_invalid_body_is_rejected_whole_with_a_problem_naming_item_and_field(string body, string contentType, int item, string? field)
    {
        var before = await _host.HealthAsync();

        using var response = await _host.PostEventsAsync(body, contentType);

        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var errors = JsonNode.Parse(text)!["errors"]!.AsArray().Select(e => ((int)e!["item"]!, (string?)e["field"], (string)e["message"]!)).ToList();
        Assert.That(errors, Has.Count.EqualTo(1), text);
        Assert.That(errors[0].Item1, Is.EqualTo(item), text);
        Assert.That(errors[0].Item2, Is.EqualTo(field), text);
        Assert.That(errors[0].Item3, Is.Not.Empty);
        await AssertNothingAcceptedAsync(before);
    }

    [Test]
    public async Task Every_invalid_item_is_named()
    {
        var before = await _host.HealthAsync();

        using var response = await _host.PostEventsAsync("""[{"metric": "probe"}, {"service": "rejected", "metric": "probe"}, {"service": "a", "value": "x", "timestamp": false}]""");

        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsArray()
            .Select(e => $"{(int)e!["item"]!}:{(string)e["field"]!}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(errors, Is.EquivalentTo(new[] { "0:service", "2:value", "2:timestamp" }));
        await AssertNothingAcceptedAsync(before);
    }

    private async Task<long> ReceivedAsync() => (long)(await _host.HealthAsync())["received"]!;

    /// <summary>AssertNothingAcceptedAsync checks the counters did not move, then fences with a valid event and checks no rejected event raised an alert.</summary>
    private async Task AssertNothingAcceptedAsync(JsonNode before)
    {
        var after = await _host.HealthAsync();
        Assert.That((long)after["received"]!, Is.EqualTo((long)before["received"]!), "received");
        await _host.PostAcceptedAsync(Events.Json(Events.Metric("fence", "probe", 1, TimeSpan.Zero)));
        await _host.SettleAsync();
        Assert.That(await _host.AlertAsync("Probe", "rejected"), Is.Null, "an event of a rejected request was evaluated");
        Assert.That(await _host.AlertAsync("Probe", "a"), Is.Null, "an event of a rejected request was evaluated");
    }

    private static TestCaseData Case(string name, string body, int item, string? field, string contentType = "application/json") =>
        new TestCaseData(body, contentType, item, field).SetName($"Rejects {name}");
}
