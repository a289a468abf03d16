using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using RuleHost.Engine.Ingest;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Api;

/// <summary>A client-given event id is evaluated once within ten minutes: a real host on a fake clock, counted by the rule's matched counter.</summary>
public sealed class IdempotentIngestTests
{
    private const string Rules = """
        Rule("Counted")
            .Match(e => e.Metric == "counted")
            .When(e => true)
            .KeyBy(e => e.Service);
        """;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private HostFixture _host = null!;

    [SetUp]
    public async Task StartHost()
    {
        var folder = new RuleFolder();
        folder.Write("counted.csx", Rules);
        _host = await HostFixture.StartOnAsync(folder, extra: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock)));
    }

    [TearDown]
    public async Task StopHost()
    {
        _host.ReportIfFailed();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task The_same_id_posted_twice_is_evaluated_once_and_reported_as_a_duplicate()
    {
        var first = await PostAsync(Event("evt-1"));
        var second = await PostAsync(Event("evt-1"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ToJsonString(), Is.EqualTo("""{"accepted":1}"""));
            Assert.That(second.ToJsonString(), Is.EqualTo("""{"accepted":0,"duplicates":1}"""));
            Assert.That(await MatchedAsync(), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task A_repeat_inside_one_request_counts_and_events_without_an_id_are_never_duplicates()
    {
        var response = await PostAsync($"[{Event("evt-2")},{Event("evt-2")},{Event(null)},{Event(null)}]");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.ToJsonString(), Is.EqualTo("""{"accepted":3,"duplicates":1}"""));
            Assert.That(await MatchedAsync(), Is.EqualTo(3));
        }
    }

    [Test]
    public async Task After_the_window_the_same_id_is_evaluated_again()
    {
        await PostAsync(Event("evt-3"));
        _clock.Advance(TimeSpan.FromMinutes(9));
        var within = await PostAsync(Event("evt-3"));
        _clock.Advance(EventIdWindow.Window);

        var after = await PostAsync(Event("evt-3"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)within["duplicates"]!, Is.EqualTo(1));
            Assert.That(after.ToJsonString(), Is.EqualTo("""{"accepted":1}"""));
            Assert.That(await MatchedAsync(), Is.EqualTo(2));
        }
    }

    private static string Event(string? id) => id is null
        ? """{"service":"idem","metric":"counted","value":1}"""
        : $$"""{"id":"{{id}}","service":"idem","metric":"counted","value":1}""";

    private async Task<JsonNode> PostAsync(string body)
    {
        using var response = await _host.PostEventsAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), text);
        return JsonNode.Parse(text)!;
    }

    private async Task<long> MatchedAsync()
    {
        await _host.SettleAsync();
        var file = (await _host.RuleFileAsync("counted.csx"))!;
        return (long)HostFixture.RuleIn(file, "Counted")!["matched"]!;
    }
}
