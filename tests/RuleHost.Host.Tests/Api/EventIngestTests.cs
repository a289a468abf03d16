using System.Net;
using System.Text.Json;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Api;

public sealed class EventIngestTests
{
    private HostFixture _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() =>
        _host = await HostFixture.StartAsync(
            new Dictionary<string, string> { ["cpu.csx"] = """Rule("Hot").Match(e => e.Metric == "cpu").When(e => e.Value > 90).KeyBy(e => e.Service);""" },
            o => o.MaxRequestBytes = 4096);

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [Test]
    public async Task Accepts_one_object_an_array_and_ndjson()
    {
        Assert.That(await AcceptedAsync(Events.Cpu("a", 1, 0)), Is.EqualTo(1));
        Assert.That(await AcceptedAsync(Events.Array(Events.Cpu("a", 1, 0), Events.Cpu("b", 1, 0))), Is.EqualTo(2));
        Assert.That(await AcceptedAsync(Events.Lines([Events.Cpu("a", 1, 0), Events.Cpu("b", 1, 0), Events.Cpu("c", 1, 0)]), "application/x-ndjson"), Is.EqualTo(3));
    }

    [TestCase("""{"metric": "cpu"}""", 0, "service")]
    [TestCase("""[{"service": "a"}, {"service": "b", "value": "high"}]""", 1, "value")]
    [TestCase("""[{"service": "a"}, {"service": "b", "timestamp": "noon"}]""", 1, "timestamp")]
    [TestCase("""{"service": "a", "tags": {"status": 500}}""", 0, "tags.status")]
    [TestCase("""[{"service": "a"}, 42]""", 1, null)]
    [TestCase("{\"service\": \"a\"}\n{\"service\": \"b\"}\n{\"service\": ", 2, null)]
    public async Task Rejects_an_invalid_item_naming_it_and_accepts_nothing(string body, int item, string? field)
    {
        var before = await ReceivedAsync();

        using var response = await _host.PostAsync(body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        Assert.That(error.GetProperty("item").GetInt32(), Is.EqualTo(item));
        Assert.That(error.GetProperty("field").GetString(), Is.EqualTo(field));
        Assert.That(await ReceivedAsync(), Is.EqualTo(before), "nothing of a rejected request is accepted");
    }

    [Test]
    public async Task Rejects_an_empty_body()
    {
        using var response = await _host.PostAsync("");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("body holds no events"));
    }

    [Test]
    public async Task Refuses_a_body_over_the_limit_with_413()
    {
        var before = await ReceivedAsync();
        var big = Events.Lines(Enumerable.Range(0, 100).Select(i => Events.Cpu("svc" + i, 1, i)));

        using var response = await _host.PostAsync(big, "application/x-ndjson");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await ReceivedAsync(), Is.EqualTo(before));
    }

    private async Task<int> AcceptedAsync(string body, string contentType = "application/json")
    {
        using var response = await _host.PostAsync(body, contentType);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accepted").GetInt32();
    }

    private async Task<long> ReceivedAsync() => (await _host.GetJsonAsync("/healthz")).GetProperty("received").GetInt64();
}
