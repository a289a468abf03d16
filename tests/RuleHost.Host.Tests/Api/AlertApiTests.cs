using System.Net;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Api;

public sealed class AlertApiTests
{
    private const string Rules = """
        Rule("HighCpu")
            .Match(e => e.Metric == "cpu").When(e => e.Value > 85).For(TimeSpan.FromMinutes(2))
            .KeyBy(e => e.Service).Severity(Severity.Critical)
            .Summary(e => $"CPU {e.Value:F0}% on {e.Service}").Label("team", e => e.Tags["team"]);
        """;

    [Test]
    public async Task Shows_an_alert_firing_from_events_with_their_own_timestamps_then_resolved()
    {
        await using var host = await HostFixture.StartAsync(new Dictionary<string, string> { ["cpu.csx"] = Rules });

        await host.PostAsync(Events.Array(Events.Cpu("api", 91, 0), Events.Cpu("api", 93, 120), Events.Cpu("db", 99, 0)));
        await host.WaitUntilAsync(() => host.Alert("HighCpu", "api")?.State == AlertState.Firing, "HighCpu[api] to fire");

        var alerts = await host.GetJsonAsync("/api/v1/alerts?state=firing");
        var alert = alerts.EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(alert.GetProperty("fingerprint").GetString(), Has.Length.EqualTo(16));
            Assert.That(alert.GetProperty("rule").GetString(), Is.EqualTo("HighCpu"));
            Assert.That(alert.GetProperty("key").GetString(), Is.EqualTo("api"));
            Assert.That(alert.GetProperty("state").GetString(), Is.EqualTo("firing"));
            Assert.That(alert.GetProperty("severity").GetString(), Is.EqualTo("critical"));
            Assert.That(alert.GetProperty("summary").GetString(), Is.EqualTo("CPU 93% on api"));
            Assert.That(alert.GetProperty("labels").GetProperty("team").GetString(), Is.EqualTo(""));
            Assert.That(alert.GetProperty("startsAt").GetDateTimeOffset(), Is.EqualTo(Events.Start));
            Assert.That(alert.GetProperty("endsAt").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(alert.GetProperty("value").GetDouble(), Is.EqualTo(93));
        });
        Assert.That((await host.GetJsonAsync("/api/v1/alerts?state=pending")).EnumerateArray().Single().GetProperty("key").GetString(), Is.EqualTo("db"));
        Assert.That((await host.GetJsonAsync("/api/v1/alerts?key=db&rule=HighCpu")).GetArrayLength(), Is.EqualTo(1));
        Assert.That((await host.GetJsonAsync("/api/v1/alerts?rule=Other")).GetArrayLength(), Is.Zero);
        Assert.That(host.ConsoleText, Does.Contain("FIRING   HighCpu[api] critical: CPU 93% on api"));

        await host.PostAsync(Events.Cpu("api", 10, 180));
        await host.WaitUntilAsync(() => host.Alert("HighCpu", "api")?.State == AlertState.Resolved, "HighCpu[api] to resolve");

        var resolved = (await host.GetJsonAsync("/api/v1/alerts?state=resolved")).EnumerateArray().Single();
        Assert.That(resolved.GetProperty("endsAt").GetDateTimeOffset(), Is.EqualTo(Events.Start + TimeSpan.FromSeconds(180)));
        Assert.That(host.ConsoleText, Does.Contain("RESOLVED HighCpu[api]"));
    }

    [Test]
    public async Task Rejects_an_unknown_state_filter()
    {
        await using var host = await HostFixture.StartAsync(new Dictionary<string, string> { ["cpu.csx"] = Rules });

        using var response = await host.Http.GetAsync("/api/v1/alerts?state=burning");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("burning"));
    }
}
