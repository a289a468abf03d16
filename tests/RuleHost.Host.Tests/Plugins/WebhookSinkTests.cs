using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using RuleHost.Notifications;

namespace RuleHost.Host.Tests.Plugins;

/// <summary>The webhook sink against a real receiver: what arrives, how it is signed, and how each answer is classified (the policy every HTTP sink shares).</summary>
public sealed class WebhookSinkTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private FakeTimeProvider _clock = null!;
    private SinkReceiver _receiver = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartReceiver()
    {
        _clock = new FakeTimeProvider(Now);
        _receiver = await SinkReceiver.StartAsync();
        _http = new HttpClient();
    }

    [TearDown]
    public async Task StopReceiver()
    {
        _http.Dispose();
        await _receiver.DisposeAsync();
    }

    [Test]
    public async Task Posts_the_body_with_the_targets_headers_and_a_webhook_id()
    {
        var sink = Sink(("Headers:X-Team", "ops"), ("Headers:Authorization", "Bearer abc"));

        var result = await sink.SendAsync(SinkTestData.Notification("t", body: """{"say":"hi"}"""), CancellationToken.None);

        Assert.That(result, Is.EqualTo(DeliveryResult.Delivered(200)));
        var request = _receiver.Single();
        Assert.That(request.Method, Is.EqualTo("POST"));
        Assert.That(request.PathAndQuery, Is.EqualTo("/hook"));
        Assert.That(request.Body, Is.EqualTo("""{"say":"hi"}"""));
        Assert.That(request.Header("Content-Type"), Does.StartWith("application/json"));
        Assert.That(request.Header("X-Team"), Is.EqualTo("ops"));
        Assert.That(request.Header("Authorization"), Is.EqualTo("Bearer abc"));
        Assert.That(request.Header("webhook-id"), Is.EqualTo(SinkTestData.Fingerprint + "-1"));
        Assert.That(request.Header("webhook-signature"), Is.Null);
    }

    [Test]
    public async Task Signs_per_Standard_Webhooks_with_a_whsec_secret()
    {
        var key = RandomNumberGenerator.GetBytes(24);
        var sink = Sink(("Secret", "whsec_" + Convert.ToBase64String(key)));
        var body = """{"alert":"HighCpu","note":"ünïcode & \"quotes\""}""";

        await sink.SendAsync(SinkTestData.Notification("t", body: body), CancellationToken.None);

        var request = _receiver.Single();
        var id = request.Header("webhook-id")!;
        var timestamp = request.Header("webhook-timestamp")!;
        Assert.That(timestamp, Is.EqualTo(Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{request.Body}")));
        Assert.That(request.Header("webhook-signature"), Is.EqualTo(expected));
        Assert.That(request.Body, Is.EqualTo(body));
    }

    [Test]
    public async Task Signs_with_the_utf8_bytes_of_a_secret_without_prefix()
    {
        var sink = Sink(("Secret", "plain-secret"));

        await sink.SendAsync(SinkTestData.Notification("t"), CancellationToken.None);

        var request = _receiver.Single();
        var content = $"{request.Header("webhook-id")}.{request.Header("webhook-timestamp")}.{request.Body}";
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("plain-secret"), Encoding.UTF8.GetBytes(content)));
        Assert.That(request.Header("webhook-signature"), Is.EqualTo(expected));
    }

    [Test]
    public async Task Every_attempt_carries_the_same_webhook_id()
    {
        var sink = Sink(("Secret", "s"));
        var notification = SinkTestData.Notification("t");

        await sink.SendAsync(notification, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(30));
        await sink.SendAsync(notification with { Attempt = 2 }, CancellationToken.None);

        var ids = _receiver.Requests.Select(r => r.Header("webhook-id")).ToList();
        Assert.That(ids, Is.EqualTo(new[] { notification.Id, notification.Id }));
        Assert.That(_receiver.Requests[1].Header("webhook-timestamp"), Is.Not.EqualTo(_receiver.Requests[0].Header("webhook-timestamp")));
    }

    [TestCase(200)]
    [TestCase(202)]
    [TestCase(204)]
    public async Task A_2xx_answer_is_delivered(int status)
    {
        Answer(status);

        var result = await Sink().SendAsync(SinkTestData.Notification("t"), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.Delivered));
        Assert.That(result.StatusCode, Is.EqualTo(status));
    }

    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    [TestCase(408)]
    public async Task A_5xx_or_408_answer_is_retryable(int status)
    {
        Answer(status, body: "upstream broke");

        var result = await Sink().SendAsync(SinkTestData.Notification("t"), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.RetryableFailure));
        Assert.That(result.StatusCode, Is.EqualTo(status));
        Assert.That(result.Error, Does.Contain("upstream broke"));
        Assert.That(result.RetryAfter, Is.Null);
    }

    [Test]
    public async Task A_429_with_Retry_After_seconds_is_retryable_after_that_wait()
    {
        Answer(429, retryAfter: "7");

        var result = await Sink().SendAsync(SinkTestData.Notification("t"), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.RetryableFailure));
        Assert.That(result.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public async Task A_503_with_a_Retry_After_date_waits_until_that_date()
    {
        Answer(503, retryAfter: Now.AddSeconds(90).ToString("R", CultureInfo.InvariantCulture));

        var result = await Sink().SendAsync(SinkTestData.Notification("t"), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.RetryableFailure));
        Assert.That(result.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(90)));
    }

    [TestCase(400)]
    [TestCase(401)]
    [TestCase(404)]
    [TestCase(410)]
    public async Task Another_4xx_answer_is_permanent_with_an_excerpt_of_the_body(int status)
    {
        Answer(status, body: "invalid_payload " + new string('x', 2000));

        var result = await Sink().SendAsync(SinkTestData.Notification("t"), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.PermanentFailure));
        Assert.That(result.StatusCode, Is.EqualTo(status));
        Assert.That(result.Error, Does.Contain("invalid_payload"));
        Assert.That(result.Error!, Has.Length.LessThan(HttpDelivery.ExcerptLength + 100));
    }

    [Test]
    public async Task A_refused_connection_is_retryable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var sink = FirstPartySinks.Create("webhook", _http, _clock, ("Url", $"http://127.0.0.1:{port}/hook"));

        var result = await sink.SendAsync(SinkTestData.Notification("t"), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.RetryableFailure));
        Assert.That(result.StatusCode, Is.Null);
        Assert.That(result.Error, Does.Contain($"127.0.0.1:{port}"));
    }

    [Test]
    public void A_missing_or_bad_url_or_secret_is_refused_naming_the_setting()
    {
        Assert.That(() => FirstPartySinks.Create("webhook", _http), Throws.ArgumentException.With.Message.Contains("'Url'"));
        Assert.That(() => FirstPartySinks.Create("webhook", _http, _clock, ("Url", "ftp://x")), Throws.ArgumentException.With.Message.Contains("'Url'"));
        Assert.That(
            () => FirstPartySinks.Create("webhook", _http, _clock, ("Url", "http://127.0.0.1/"), ("Secret", "whsec_not base64!")),
            Throws.ArgumentException.With.Message.Contains("whsec_"));
    }

    private INotificationSink Sink(params (string Key, string Value)[] settings) =>
        FirstPartySinks.Create("webhook", _http, _clock, [("Url", _receiver.Url.ToString()), .. settings]);

    private void Answer(int status, string body = "", string? retryAfter = null) => _receiver.Answer = async response =>
    {
        response.StatusCode = status;
        if (retryAfter is not null)
            response.Headers.RetryAfter = retryAfter;
        await response.WriteAsync(body);
    };
}
