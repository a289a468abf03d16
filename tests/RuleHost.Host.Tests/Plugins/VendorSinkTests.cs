using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using RuleHost.Notifications;

namespace RuleHost.Host.Tests.Plugins;

/// <summary>The vendor sinks against a real receiver: PagerDuty's protocol fields, Opsgenie's create/acknowledge/close URLs, Slack and Teams as plain POSTs.</summary>
public sealed class VendorSinkTests
{
    private SinkReceiver _receiver = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartReceiver()
    {
        _receiver = await SinkReceiver.StartAsync();
        _http = new HttpClient();
    }

    [TearDown]
    public async Task StopReceiver()
    {
        _http.Dispose();
        await _receiver.DisposeAsync();
    }

    [TestCase(NotificationKind.Firing, "trigger")]
    [TestCase(NotificationKind.Repeat, "trigger")]
    [TestCase(NotificationKind.Acknowledged, "acknowledge")]
    [TestCase(NotificationKind.Resolved, "resolve")]
    public async Task PagerDuty_adds_routing_key_event_action_and_dedup_key(NotificationKind kind, string action)
    {
        var sink = FirstPartySinks.Create("pagerduty", _http, null, ("Url", _receiver.Url.ToString()), ("RoutingKey", "R0UT1NG"), ("Headers:X-Team", "ops"));
        _receiver.Answer = async r =>
        {
            r.StatusCode = 202;
            await r.WriteAsync("""{"status":"success","message":"Event processed"}""");
        };

        var result = await sink.SendAsync(SinkTestData.Notification("pd", kind, """{"payload":{"summary":"CPU","source":"api","severity":"critical"}}"""), CancellationToken.None);

        Assert.That(result, Is.EqualTo(DeliveryResult.Delivered(202)));
        var request = _receiver.Single();
        var body = JsonNode.Parse(request.Body)!.AsObject();
        Assert.That((string?)body["routing_key"], Is.EqualTo("R0UT1NG"));
        Assert.That((string?)body["event_action"], Is.EqualTo(action));
        Assert.That((string?)body["dedup_key"], Is.EqualTo(SinkTestData.Fingerprint));
        Assert.That((string?)body["payload"]!["summary"], Is.EqualTo("CPU"));
        Assert.That(request.Header("Content-Type"), Does.StartWith("application/json"));
        Assert.That(request.Header("webhook-id"), Is.EqualTo(SinkTestData.Fingerprint + "-1"));
        Assert.That(request.Header("X-Team"), Is.EqualTo("ops"));
    }

    [Test]
    public async Task PagerDuty_keeps_the_templates_own_event_action_and_dedup_key()
    {
        var sink = FirstPartySinks.Create("pagerduty", _http, null, ("Url", _receiver.Url.ToString()), ("RoutingKey", "R"));

        await sink.SendAsync(SinkTestData.Notification("pd", body: """{"event_action":"resolve","dedup_key":"custom"}"""), CancellationToken.None);

        var body = JsonNode.Parse(_receiver.Single().Body)!;
        Assert.That((string?)body["event_action"], Is.EqualTo("resolve"));
        Assert.That((string?)body["dedup_key"], Is.EqualTo("custom"));
    }

    [Test]
    public async Task PagerDuty_never_retries_a_400_but_retries_a_429()
    {
        var sink = FirstPartySinks.Create("pagerduty", _http, null, ("Url", _receiver.Url.ToString()), ("RoutingKey", "R"));
        _receiver.Answer = async r =>
        {
            r.StatusCode = 400;
            await r.WriteAsync("""{"status":"invalid event","message":"Event object is invalid","errors":["'payload.summary' is missing"]}""");
        };
        var rejected = await sink.SendAsync(SinkTestData.Notification("pd"), CancellationToken.None);
        _receiver.Answer = r =>
        {
            r.StatusCode = 429;
            return Task.CompletedTask;
        };
        var throttled = await sink.SendAsync(SinkTestData.Notification("pd"), CancellationToken.None);

        Assert.That(rejected.Outcome, Is.EqualTo(DeliveryOutcome.PermanentFailure));
        Assert.That(rejected.Error, Does.Contain("payload.summary"));
        Assert.That(throttled.Outcome, Is.EqualTo(DeliveryOutcome.RetryableFailure));
    }

    [Test]
    public async Task PagerDuty_refuses_a_body_that_is_not_a_json_object_and_a_target_without_routing_key()
    {
        var sink = FirstPartySinks.Create("pagerduty", _http, null, ("Url", _receiver.Url.ToString()), ("RoutingKey", "R"));

        var result = await sink.SendAsync(SinkTestData.Notification("pd", body: "not json"), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.PermanentFailure));
        Assert.That(_receiver.Requests, Is.Empty);
        Assert.That(() => FirstPartySinks.Create("pagerduty", _http), Throws.ArgumentException.With.Message.Contains("'RoutingKey'"));
    }

    [Test]
    public void PagerDuty_and_Opsgenie_default_to_the_vendor_endpoints()
    {
        Assert.That(() => FirstPartySinks.Create("pagerduty", _http, null, ("RoutingKey", "R")), Throws.Nothing);
        Assert.That(() => FirstPartySinks.Create("opsgenie", _http, null, ("ApiKey", "K")), Throws.Nothing);
        Assert.That(() => FirstPartySinks.Create("opsgenie", _http), Throws.ArgumentException.With.Message.Contains("'ApiKey'"));
    }

    [TestCase(NotificationKind.Firing, "/hook")]
    [TestCase(NotificationKind.Acknowledged, "/hook/" + SinkTestData.Fingerprint + "/acknowledge?identifierType=alias")]
    [TestCase(NotificationKind.Resolved, "/hook/" + SinkTestData.Fingerprint + "/close?identifierType=alias")]
    public async Task Opsgenie_creates_acknowledges_and_closes_by_alias(NotificationKind kind, string path)
    {
        var sink = FirstPartySinks.Create("opsgenie", _http, null, ("Url", _receiver.Url.ToString()), ("ApiKey", "g3n13"));
        _receiver.Answer = async r =>
        {
            r.StatusCode = 202;
            await r.WriteAsync("""{"result":"Request will be processed","took":0.2,"requestId":"43a29c5c"}""");
        };

        var result = await sink.SendAsync(SinkTestData.Notification("og", kind, """{"message":"CPU 93% on api","source":"RuleHost"}"""), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered));
        var request = _receiver.Single();
        Assert.That(request.Method, Is.EqualTo("POST"));
        Assert.That(request.PathAndQuery, Is.EqualTo(path));
        Assert.That(request.Header("Authorization"), Is.EqualTo("GenieKey g3n13"));
        var body = JsonNode.Parse(request.Body)!;
        Assert.That((string?)body["alias"], Is.EqualTo(kind == NotificationKind.Firing ? SinkTestData.Fingerprint : null));
    }

    [TestCase("slack")]
    [TestCase("teams")]
    public async Task Slack_and_Teams_post_the_rendered_body_to_the_url(string sinkName)
    {
        var sink = FirstPartySinks.Create(sinkName, _http, null, ("Url", _receiver.Url.ToString()));
        const string body = """{"text":"&lt;!channel&gt; is escaped by the template"}""";

        var result = await sink.SendAsync(SinkTestData.Notification("chat", body: body), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered));
        Assert.That(_receiver.Single().Body, Is.EqualTo(body));
        Assert.That(() => FirstPartySinks.Create(sinkName, _http), Throws.ArgumentException.With.Message.Contains("'Url'"));
    }

    [Test]
    public async Task Console_prints_one_line_per_notification()
    {
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            var sink = FirstPartySinks.Create("console", _http);
            var result = await sink.SendAsync(SinkTestData.Notification("screen", body: "FIRING HighCpu[api]\nCPU 93%"), CancellationToken.None);
            Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered));
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.That(output.ToString(), Is.EqualTo("[screen] FIRING HighCpu[api] CPU 93%" + Environment.NewLine));
    }

    [TestCase("webhook", "application/json")]
    [TestCase("slack", "application/json")]
    [TestCase("teams", "application/json")]
    [TestCase("pagerduty", "application/json")]
    [TestCase("opsgenie", "application/json")]
    [TestCase("console", "text/plain")]
    public void Each_sink_ships_a_typed_default_template(string sinkName, string contentType)
    {
        var sink = FirstPartySinks.Get(sinkName);

        Assert.That(sink.DefaultTemplate, Does.StartWith("@model RuleHost.Notifications.NotificationModel"));
        Assert.That(sink.ContentType, Is.EqualTo(contentType));
    }
}
