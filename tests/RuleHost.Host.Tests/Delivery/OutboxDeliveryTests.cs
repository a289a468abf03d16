using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using RuleHost.Host.Tests.Delivery.Support;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Delivery;

/// <summary>The outbox against real receivers that succeed, fail, hang, throttle and refuse; one host, one target per kind of receiver.</summary>
public sealed class OutboxDeliveryTests
{
    private DeliveryHost _host = null!;
    private Receiver _ok = null!;
    private Receiver _flaky = null!;
    private Receiver _hang = null!;
    private Receiver _throttled = null!;
    private Receiver _refusing = null!;
    private readonly BlockingSinkPlugin _blocking = new();

    [OneTimeSetUp]
    public async Task Start()
    {
        _ok = await Receiver.StartAsync();
        _flaky = await Receiver.StartAsync((c, _, earlier) => Receiver.Status(c, earlier == 0 ? 500 : 200));
        _hang = await Receiver.StartAsync(async (c, _, earlier) =>
        {
            if (earlier == 0)
                await Task.Delay(Timeout.Infinite, c.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            else
                await Receiver.Status(c, 200);
        });
        _throttled = await Receiver.StartAsync((c, _, earlier) => earlier == 0 ? Receiver.Status(c, 429, retryAfter: "1") : Receiver.Status(c, 200));
        _refusing = await Receiver.StartAsync((c, _, _) => Receiver.Status(c, 400));
        _host = await DeliveryHost.StartAsync(
            DeliveryHost.Config(
                $$"""
                "ok": { "Sink": "post", "Url": "{{_ok.Url}}" },
                "flaky": { "Sink": "post", "Url": "{{_flaky.Url}}" },
                "hang": { "Sink": "post", "Url": "{{_hang.Url}}" },
                "throttled": { "Sink": "post", "Url": "{{_throttled.Url}}" },
                "refusing": { "Sink": "post", "Url": "{{_refusing.Url}}" },
                "quiet": { "Sink": "post", "Url": "{{_ok.Url}}", "SendResolved": false },
                "templated": { "Sink": "post", "Url": "{{_ok.Url}}", "Template": "broken.cshtml" },
                "blocking": { "Sink": "blocking" }
                """,
                attemptTimeout: "00:00:01"),
            TestSinks.WithPost().Load(_blocking));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _blocking.Release.Set();
        await _host.DisposeAsync();
        foreach (var r in new[] { _ok, _flaky, _hang, _throttled, _refusing })
            await r.DisposeAsync();
    }

    [Test]
    public async Task A_firing_alert_is_delivered_once_and_recorded_as_delivered()
    {
        var alert = DeliveryHost.Alert("Disk", "delivered-once", "ok");
        _host.Notify(alert, AlertState.Pending);

        var received = await _ok.WaitForAsync(r => r.Any(x => x.Fingerprint == alert.Fingerprint), "the firing notification");
        var audit = await _host.WaitForNotificationsAsync($"?alert={alert.Fingerprint}", a => a.Count == 1, "one audit line");

        var request = received.Single(x => x.Fingerprint == alert.Fingerprint);
        var line = audit[0]!;
        Assert.Multiple(() =>
        {
            Assert.That(request.Kind, Is.EqualTo("Firing"));
            Assert.That(request.WebhookId, Does.StartWith(alert.Fingerprint + "-"));
            Assert.That((string?)line["notificationId"], Is.EqualTo(request.WebhookId));
            Assert.That((string?)line["target"], Is.EqualTo("ok"));
            Assert.That((string?)line["kind"], Is.EqualTo("firing"));
            Assert.That((int?)line["attempt"], Is.EqualTo(1));
            Assert.That((int?)line["statusCode"], Is.EqualTo(200));
            Assert.That((string?)line["outcome"], Is.EqualTo("delivered"));
            Assert.That((double?)line["latencyMs"], Is.GreaterThanOrEqualTo(0));
        });
    }

    [Test]
    public async Task A_sink_that_blocks_its_thread_does_not_hold_back_other_notifications()
    {
        var stuck = DeliveryHost.Alert("Disk", "blocks", "blocking");
        _host.Notify(stuck, AlertState.Pending);
        Assert.That(await Task.Run(() => _blocking.Entered.Wait(TimeSpan.FromSeconds(30))), Is.True, "the blocking sink was called");

        try
        {
            // Plugin code that never yields its thread: the outbox, the pipeline and the other sends must go on.
            var other = DeliveryHost.Alert("Disk", "after-a-blocked-send", "ok");
            _host.Notify(other, AlertState.Pending);

            await _ok.WaitForAsync(r => r.Any(x => x.Fingerprint == other.Fingerprint), "a notification made while another sink blocks");
            await _host.WaitForNotificationsAsync($"?alert={other.Fingerprint}", a => a.Any(x => (string?)x!["outcome"] == "delivered"), "its audit line");
        }
        finally
        {
            _blocking.Release.Set();
        }

        await _host.WaitForNotificationsAsync($"?alert={stuck.Fingerprint}", a => a.Any(x => (string?)x!["outcome"] == "delivered"), "the blocked one, once released");
    }

    [Test]
    public async Task A_500_is_retried_and_every_attempt_carries_the_same_webhook_id()
    {
        var alert = DeliveryHost.Alert("Disk", "flaky", "flaky");
        _host.Notify(alert, AlertState.Pending);

        var audit = await _host.WaitForNotificationsAsync($"?alert={alert.Fingerprint}", a => a.Any(x => (string?)x!["outcome"] == "delivered"), "delivery after a 500");
        var received = _flaky.Requests.Where(x => x.Fingerprint == alert.Fingerprint).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(received, Has.Count.EqualTo(2));
            Assert.That(received.Select(r => r.WebhookId).Distinct().Count(), Is.EqualTo(1), "same webhook-id on both attempts");
            Assert.That(Lines(audit), Is.EqualTo(new[] { "1 retrying 500", "2 delivered 200" }));
        });
    }

    [Test]
    public async Task A_receiver_that_hangs_is_cut_off_by_the_attempt_timeout_and_the_next_attempt_succeeds()
    {
        var alert = DeliveryHost.Alert("Disk", "hang", "hang");
        _host.Notify(alert, AlertState.Pending);

        var audit = await _host.WaitForNotificationsAsync($"?alert={alert.Fingerprint}", a => a.Any(x => (string?)x!["outcome"] == "delivered"), "delivery after a timeout");

        var first = audit.Single(x => (int?)x!["attempt"] == 1)!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)first["outcome"], Is.EqualTo("retrying"));
            Assert.That((string?)first["error"], Does.Contain("no answer within 1 s"));
            Assert.That(Lines(audit).Last(), Is.EqualTo("2 delivered 200"));
        });
    }

    [Test]
    public async Task A_429_with_retry_after_is_retried_no_sooner_than_it_asks()
    {
        var alert = DeliveryHost.Alert("Disk", "throttled", "throttled");
        _host.Notify(alert, AlertState.Pending);

        var audit = await _host.WaitForNotificationsAsync($"?alert={alert.Fingerprint}", a => a.Any(x => (string?)x!["outcome"] == "delivered"), "delivery after a 429");
        var received = _throttled.Requests.Where(x => x.Fingerprint == alert.Fingerprint).OrderBy(r => r.At).ToList();
        var attempts = audit.OrderBy(x => (int)x!["attempt"]!).Select(x => (DateTimeOffset)x!["at"]!).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(Lines(audit), Is.EqualTo(new[] { "1 retrying 429", "2 delivered 200" }));
            Assert.That(received, Has.Count.EqualTo(2));
            Assert.That(received[1].At - received[0].At, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)), "arrivals at the receiver");
            Assert.That(attempts[1] - attempts[0], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)), "recorded attempt times");
        });
    }

    [Test]
    public async Task A_400_is_dead_lettered_at_once_and_visible_in_the_audit_trail()
    {
        var alert = DeliveryHost.Alert("Disk", "refused", "refusing");
        _host.Notify(alert, AlertState.Pending);

        var dead = await _host.WaitForNotificationsAsync($"?target=refusing&outcome=dead", a => a.Any(x => (string?)x!["alert"] == alert.Fingerprint), "a dead letter");

        var line = dead.Single(x => (string?)x!["alert"] == alert.Fingerprint)!;
        Assert.Multiple(() =>
        {
            Assert.That((int?)line["attempt"], Is.EqualTo(1));
            Assert.That((int?)line["statusCode"], Is.EqualTo(400));
            Assert.That((string?)line["error"], Is.EqualTo("HTTP 400"));
            Assert.That(_refusing.Requests.Count(r => r.Fingerprint == alert.Fingerprint), Is.EqualTo(1), "never retried");
        });
    }

    [Test]
    public async Task A_resolve_is_sent_after_a_firing_unless_the_target_opts_out()
    {
        var alert = DeliveryHost.Alert("Disk", "resolved", "ok", "quiet");
        _host.Notify(alert, AlertState.Pending);
        _host.Notify(alert with { State = AlertState.Resolved, EndsAt = DateTimeOffset.UtcNow }, AlertState.Firing);

        var audit = await _host.WaitForNotificationsAsync($"?alert={alert.Fingerprint}", a => a.Count(x => (string?)x!["outcome"] == "delivered") == 3, "firing twice and resolved once");

        Assert.That(audit.Select(x => $"{x!["target"]} {x["kind"]}").Order(), Is.EqualTo(new[] { "ok firing", "ok resolved", "quiet firing" }));
    }

    [Test]
    public async Task A_template_problem_is_recorded_and_the_fallback_body_is_still_sent()
    {
        var alert = DeliveryHost.Alert("Disk", "templated", "templated");
        _host.Notify(alert, AlertState.Pending);

        var audit = await _host.WaitForNotificationsAsync($"?alert={alert.Fingerprint}", a => a.Count == 1, "one audit line");

        Assert.Multiple(() =>
        {
            Assert.That((string?)audit[0]!["outcome"], Is.EqualTo("delivered"));
            Assert.That((string?)audit[0]!["error"], Does.Contain("broken.cshtml(3,7): error CS1002"));
            Assert.That(_ok.Requests.Count(r => r.Fingerprint == alert.Fingerprint), Is.EqualTo(1));
            Assert.That(_host.Logs.Lines, Has.Some.Contains("broken.cshtml(3,7)"));
        });
    }

    [Test]
    public async Task The_audit_trail_refuses_an_unknown_outcome_and_a_bad_limit()
    {
        using var outcome = await _host.Http.GetAsync("/api/v1/notifications?outcome=lost");
        using var limit = await _host.Http.GetAsync("/api/v1/notifications?limit=0");

        Assert.Multiple(async () =>
        {
            Assert.That(outcome.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await outcome.Content.ReadAsStringAsync(), Does.Contain("outcome must be one of delivered, retrying, dead, muted"));
            Assert.That(limit.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await limit.Content.ReadAsStringAsync(), Does.Contain("limit must be a whole number"));
        });
    }

    private static List<string> Lines(JsonArray audit) =>
        [.. audit.OrderBy(x => (int)x!["attempt"]!).Select(x => $"{x!["attempt"]} {x["outcome"]} {x["statusCode"]}")];
}
