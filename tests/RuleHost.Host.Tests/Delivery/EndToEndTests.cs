using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using RuleHost.Host.Tests.Delivery.Support;
using RuleHost.Host.Tests.Support;
using static RuleHost.Host.Tests.Support.Events;

namespace RuleHost.Host.Tests.Delivery;

/// <summary>The whole path with every real part: a rule fires, the webhook sink plugin posts the Razor-rendered default body, signed, to a real receiver.</summary>
public sealed class EndToEndTests
{
    private const string Rules = """
        Rule("HighCpu")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Value > 85)
            .KeyBy(e => e.Service)
            .Summary(e => $"CPU {e.Value:F0}% on {e.Service}")
            .NotifyTo("ops-hook");
        """;

    private static readonly byte[] SecretBytes = Encoding.UTF8.GetBytes("a secret of thirty-two bytes!!!!");
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(SecretBytes);

    private static string Config(string url) =>
        "{\"RuleHost\": {\"Targets\": {\"ops-hook\": {\"Sink\": \"webhook\", \"Url\": \"" + url + "\", \"Secret\": \"" + Secret + "\", \"Headers\": {\"X-Team\": \"ops\"}}}}}";

    [Test]
    public async Task A_firing_alert_arrives_as_a_signed_Alertmanager_webhook_and_its_resolve_follows()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var host = await HostFixture.StartAsync(Config(receiver.Url), ("cpu.csx", Rules));
        try
        {
            await host.PostAcceptedAsync(Json(Cpu("api", 95, Minutes(0))));
            var firing = (await receiver.WaitForAsync(r => r.Count >= 1, "the firing notification"))[0];

            var body = firing.Json;
            Assert.That((string?)body["version"], Is.EqualTo("4"));
            Assert.That((string?)body["status"], Is.EqualTo("firing"));
            var alert = body["alerts"]![0]!;
            Assert.That((string?)alert["labels"]!["alertname"], Is.EqualTo("HighCpu"));
            Assert.That((string?)alert["annotations"]!["summary"], Is.EqualTo("CPU 95% on api"));
            var fingerprint = (string)(await host.WaitForAlertAsync("HighCpu", "api", "firing"))["fingerprint"]!;
            Assert.That((string?)alert["fingerprint"], Is.EqualTo(fingerprint));
            Assert.That(firing.Headers["X-Team"], Is.EqualTo("ops"));
            Assert.That(firing.WebhookId, Does.StartWith(fingerprint));
            Assert.That(firing.Headers["webhook-signature"], Is.EqualTo(Sign(firing)), "verifies with the secret, computed independently");

            await host.PostAcceptedAsync(Json(Cpu("api", 10, Minutes(1))));
            var resolved = (await receiver.WaitForAsync(r => r.Any(x => (string?)x.Json["status"] == "resolved"), "the resolved notification"))
                .Single(x => (string?)x.Json["status"] == "resolved");
            Assert.That((string?)resolved.Json["alerts"]![0]!["fingerprint"], Is.EqualTo(fingerprint));

            // The audit line is written after the receiver's answer, behind the delivery: wait for it rather than race it.
            var audit = (await host.WaitForAsync($"/api/v1/notifications?alert={fingerprint}&outcome=delivered", a => a.AsArray().Count >= 2, "both audit lines")).AsArray();
            Assert.That(audit, Has.Count.EqualTo(2), audit.ToJsonString());

            var metrics = await host.Http.GetStringAsync("/metrics");
            Assert.That(metrics, Does.Contain("rulehost_notifications_total{target=\"ops-hook\",outcome=\"delivered\"} 2"));
            Assert.That(metrics, Does.Contain("rulehost_outbox_depth 0"));
            Assert.That(metrics, Does.Contain("rulehost_delivery_latency_seconds_count{target=\"ops-hook\"} 2"));
        }
        finally
        {
            host.ReportIfFailed();
        }
    }

    [Test]
    public async Task A_silenced_alert_is_recorded_as_muted_and_not_sent()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var host = await HostFixture.StartAsync(Config(receiver.Url), ("cpu.csx", Rules));
        try
        {
            using (var silence = await host.Http.PostAsJsonAsync("/api/v1/silences", new
            {
                matchers = new[] { new { name = "key", value = "quiet-.*", isRegex = true } },
                endsAt = DateTimeOffset.UtcNow.AddHours(1),
                createdBy = "test",
                comment = "maintenance",
            }))
                Assert.That(silence.StatusCode, Is.EqualTo(HttpStatusCode.OK), await silence.Content.ReadAsStringAsync());

            await host.PostAcceptedAsync(Json(Cpu("quiet-1", 95, Minutes(0)), Cpu("loud-1", 95, Minutes(0))));

            var sent = await receiver.WaitForAsync(r => r.Count >= 1, "the unsilenced alert");
            var quiet = (string)(await host.WaitForAlertAsync("HighCpu", "quiet-1", "firing"))["fingerprint"]!;
            var muted = await host.WaitForAsync($"/api/v1/notifications?alert={quiet}", a => a.AsArray().Count > 0, "the muted audit line");
            Assert.That((string?)muted[0]!["outcome"], Is.EqualTo("muted"));
            Assert.That(sent.Select(KeyOf), Does.Contain("loud-1"));
            Assert.That(receiver.Requests.Select(KeyOf), Has.None.EqualTo("quiet-1"));
        }
        finally
        {
            host.ReportIfFailed();
        }
    }

    [Test]
    public async Task A_burst_cut_by_SIGKILL_is_delivered_after_the_restart()
    {
        await using var receiver = await Receiver.StartAsync();
        using var folder = new RuleFolder();
        folder.Write("cpu.csx", Rules);
        folder.WriteConfig(Config(receiver.Url));
        var services = Enumerable.Range(0, 300).Select(i => $"burst-{i}").ToList();
        await using (var first = await ChildHost.StartAsync(folder))
        {
            using var posted = await first.Http.PostAsync("/api/v1/events", new StringContent(Json([.. services.Select(s => Cpu(s, 95, Minutes(0)))]), Encoding.UTF8, "application/json"));
            Assert.That((int)posted.StatusCode, Is.EqualTo(202));
            await first.KillAsync(); // mid-burst: some notifications are out, some in the outbox, some not yet made
        }

        await using var second = await ChildHost.StartAsync(folder);
        var arrived = await receiver.WaitForAsync(
            r => r.Select(KeyOf).Distinct().Count() == services.Count,
            "every alert of the burst to be delivered at least once");

        Assert.That(arrived.Select(KeyOf).Distinct(), Is.EquivalentTo(services));
    }

    private static string KeyOf(ReceivedRequest request) => (string)request.Json["alerts"]![0]!["labels"]!["key"]!;

    private static string Sign(ReceivedRequest request)
    {
        var signed = $"{request.WebhookId}.{request.Headers["webhook-timestamp"]}.{request.Body}";
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(SecretBytes, Encoding.UTF8.GetBytes(signed)));
    }
}
