using System.Net;
using System.Text.Json.Nodes;
using RuleHost.Host.Tests.Delivery.Support;

namespace RuleHost.Host.Tests.Delivery;

/// <summary>POST /api/v1/test-alert sends a synthetic alert through the outbox; POST /api/v1/preview renders without sending.</summary>
public sealed class TestAlertTests
{
    private DeliveryHost _host = null!;
    private Receiver _receiver = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _receiver = await Receiver.StartAsync();
        _host = await DeliveryHost.StartAsync(DeliveryHost.Config($$""" "ops-hook": { "Sink": "post", "Url": "{{_receiver.Url}}" } """), TestSinks.WithPost());
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Test]
    public async Task A_test_alert_is_delivered_and_the_first_attempt_is_returned()
    {
        using var response = await _host.PostJsonAsync("/api/v1/test-alert", """{ "target": "ops-hook", "rule": "Smoke", "severity": "critical", "summary": "hello", "labels": { "team": "ops" } }""");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var json = JsonNode.Parse(text)!;

        var request = _receiver.Requests.Single(r => r.WebhookId == (string?)json["notificationId"]);
        Assert.Multiple(() =>
        {
            Assert.That((string?)json["outcome"], Is.EqualTo("delivered"));
            Assert.That((int?)json["statusCode"], Is.EqualTo(200));
            Assert.That((string?)json["kind"], Is.EqualTo("test"));
            Assert.That(request.Kind, Is.EqualTo("Test"));
            Assert.That((string?)request.Json["rule"], Is.EqualTo("Smoke"));
            Assert.That((string?)request.Json["summary"], Is.EqualTo("hello"));
        });
    }

    [Test]
    public async Task A_test_alert_to_an_unknown_target_is_404_naming_it()
    {
        using var response = await _host.PostJsonAsync("/api/v1/test-alert", """{ "target": "nowhere" }""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("target 'nowhere' is not configured"));
    }

    [Test]
    public async Task A_test_alert_without_a_target_or_with_a_bad_severity_is_400_naming_the_field()
    {
        using var noTarget = await _host.PostJsonAsync("/api/v1/test-alert", "{}");
        using var badSeverity = await _host.PostJsonAsync("/api/v1/test-alert", """{ "target": "ops-hook", "severity": "dire" }""");

        Assert.Multiple(async () =>
        {
            Assert.That(noTarget.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await noTarget.Content.ReadAsStringAsync(), Does.Contain("target is required"));
            Assert.That(badSeverity.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await badSeverity.Content.ReadAsStringAsync(), Does.Contain("severity must be"));
        });
    }

    [Test]
    public async Task A_preview_returns_the_rendered_body_and_sends_nothing()
    {
        var before = _receiver.Requests.Count;
        using var response = await _host.PostJsonAsync("/api/v1/preview", """{ "target": "ops-hook", "rule": "Preview", "summary": "look", "kind": "resolved" }""");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var json = JsonNode.Parse(text)!;
        var body = JsonNode.Parse((string)json["body"]!)!;

        Assert.Multiple(() =>
        {
            Assert.That((string?)json["contentType"], Is.EqualTo("application/json"));
            Assert.That((string?)body["kind"], Is.EqualTo("Resolved"));
            Assert.That((string?)body["summary"], Is.EqualTo("look"));
            Assert.That(_receiver.Requests, Has.Count.EqualTo(before));
        });
    }

    [Test]
    public async Task A_preview_of_an_unknown_alert_is_404()
    {
        using var response = await _host.PostJsonAsync("/api/v1/preview", """{ "target": "ops-hook", "fingerprint": "0000000000000000" }""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("no alert has fingerprint '0000000000000000'"));
    }
}
