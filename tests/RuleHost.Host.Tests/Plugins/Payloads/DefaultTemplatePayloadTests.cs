using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using RuleHost.Engine.Templates;
using RuleHost.Notifications;

namespace RuleHost.Host.Tests.Plugins.Payloads;

/// <summary>Each first-party sink's default template, rendered by the real renderer for awkward alerts, is valid JSON with the vendor's required fields.</summary>
public sealed class DefaultTemplatePayloadTests
{
    private static readonly NotificationRenderer Renderer = new(new TemplateCompiler(), Path.Combine(Path.GetTempPath(), "rulehost-payloads-none"), TimeProvider.System, NullLogger<NotificationRenderer>.Instance);

    private const string Nasty = "say \"hi\" <b>x</b> & <!channel>\nzweite Zeile: Größe 93 °C ✓";

    private static Alert AlertOf(AlertState state, string fingerprint = SinkTestData.Fingerprint) => new()
    {
        Fingerprint = fingerprint,
        Rule = "HighCpu",
        Key = "api <1>",
        State = state,
        Severity = Severity.Critical,
        Summary = Nasty,
        Description = Nasty,
        StartsAt = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero),
        EndsAt = state == AlertState.Resolved ? new DateTimeOffset(2026, 11, 26, 12, 5, 0, TimeSpan.Zero) : null,
        Labels = new Dictionary<string, string> { ["team"] = "ops & \"dev\"", ["instance"] = "api-1" },
        Value = 93.5,
    };

    private static JsonElement Render(string sink, NotificationKind kind)
    {
        var alert = AlertOf(kind == NotificationKind.Resolved ? AlertState.Resolved : AlertState.Firing);
        var model = new NotificationModel
        {
            Alert = alert,
            Kind = kind,
            Target = "ops",
            NotificationId = alert.Fingerprint + "-1",
            Alerts = kind == NotificationKind.FloodSummary ? [alert, AlertOf(AlertState.Firing, "aa11"), AlertOf(AlertState.Firing, "bb22")] : [],
            AlertUrl = "http://rulehost.local/alerts/x",
        };
        var body = Renderer.Render(model, FirstPartySinks.Get(sink), null, null);
        Assert.That(body.Problem, Is.Null, body.Body);
        return JsonDocument.Parse(body.Body).RootElement.Clone();
    }

    private static IEnumerable<NotificationKind> Kinds => Enum.GetValues<NotificationKind>();

    // https://prometheus.io/docs/alerting/latest/configuration/#webhook_config (version 4 payload)
    [TestCaseSource(nameof(Kinds))]
    public void Webhook_default_template_is_an_alertmanager_v4_payload(NotificationKind kind)
    {
        var json = Render("webhook", kind);
        Assert.That(json.GetProperty("version").GetString(), Is.EqualTo("4"));
        Assert.That(json.GetProperty("status").GetString(), Is.AnyOf("firing", "resolved"));
        foreach (var name in new[] { "groupKey", "receiver", "externalURL" })
            Assert.That(json.GetProperty(name).ValueKind, Is.EqualTo(JsonValueKind.String), name);
        Assert.That(json.GetProperty("truncatedAlerts").GetInt32(), Is.Zero);
        foreach (var name in new[] { "groupLabels", "commonLabels", "commonAnnotations" })
            Assert.That(json.GetProperty(name).ValueKind, Is.EqualTo(JsonValueKind.Object), name);
        var alerts = json.GetProperty("alerts").EnumerateArray().ToList();
        Assert.That(alerts, Has.Count.EqualTo(kind == NotificationKind.FloodSummary ? 3 : 1));
        foreach (var a in alerts)
        {
            Assert.That(a.GetProperty("status").GetString(), Is.AnyOf("firing", "resolved"));
            Assert.That(a.GetProperty("annotations").GetProperty("summary").GetString(), Is.EqualTo(Nasty));
            Assert.That(a.GetProperty("startsAt").GetDateTimeOffset(), Is.EqualTo(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero)));
            Assert.That(DateTimeOffset.TryParse(a.GetProperty("endsAt").GetString(), out _), Is.True);
            Assert.That(a.GetProperty("fingerprint").GetString(), Is.Not.Empty);
            Assert.That(a.GetProperty("labels").GetProperty("team").GetString(), Is.EqualTo("ops & \"dev\""));
        }
    }

    // https://developer.pagerduty.com/docs/events-api-v2/trigger-events/
    [TestCaseSource(nameof(Kinds))]
    public void PagerDuty_default_template_has_the_events_v2_fields(NotificationKind kind)
    {
        var json = Render("pagerduty", kind);
        var expected = kind switch { NotificationKind.Acknowledged => "acknowledge", NotificationKind.Resolved => "resolve", _ => "trigger" };
        Assert.That(json.GetProperty("event_action").GetString(), Is.EqualTo(expected));
        Assert.That(json.GetProperty("dedup_key").GetString(), Is.EqualTo(SinkTestData.Fingerprint));
        if (expected != "trigger")
            return;
        var payload = json.GetProperty("payload");
        Assert.That(payload.GetProperty("summary").GetString()!.Length, Is.InRange(1, 1024));
        Assert.That(payload.GetProperty("source").GetString(), Is.EqualTo("api-1"));
        Assert.That(payload.GetProperty("severity").GetString(), Is.AnyOf("critical", "error", "warning", "info"));
        Assert.That(payload.GetProperty("timestamp").GetDateTimeOffset(), Is.EqualTo(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero)));
    }

    // https://api.slack.com/messaging/webhooks and https://api.slack.com/reference/block-kit/blocks
    [TestCaseSource(nameof(Kinds))]
    public void Slack_default_template_is_block_kit_that_cannot_ping_the_channel(NotificationKind kind)
    {
        var json = Render("slack", kind);
        Assert.That(json.GetProperty("text").GetString(), Does.Not.Contain("<!channel>"));
        foreach (var block in json.GetProperty("blocks").EnumerateArray())
        {
            Assert.That(block.GetProperty("type").GetString(), Is.AnyOf("header", "section", "context", "actions", "divider"));
            Assert.That(block.GetRawText(), Does.Not.Contain("<!channel>"));
        }
    }

    // https://learn.microsoft.com/en-us/connectors/teams/?tabs=text1#microsoft-teams-webhook (Adaptive Card in a message)
    [TestCaseSource(nameof(Kinds))]
    public void Teams_default_template_is_an_adaptive_card_message(NotificationKind kind)
    {
        var json = Render("teams", kind);
        Assert.That(json.GetProperty("type").GetString(), Is.EqualTo("message"));
        var attachment = json.GetProperty("attachments")[0];
        Assert.That(attachment.GetProperty("contentType").GetString(), Is.EqualTo("application/vnd.microsoft.card.adaptive"));
        var card = attachment.GetProperty("content");
        Assert.That(card.GetProperty("type").GetString(), Is.EqualTo("AdaptiveCard"));
        Assert.That(card.GetProperty("version").GetString(), Is.Not.Empty);
        Assert.That(card.GetProperty("body").GetArrayLength(), Is.GreaterThan(0));
    }

    // https://docs.opsgenie.com/docs/alert-api
    [TestCaseSource(nameof(Kinds))]
    public void Opsgenie_default_template_has_the_alert_api_fields(NotificationKind kind)
    {
        var json = Render("opsgenie", kind);
        if (kind is NotificationKind.Acknowledged or NotificationKind.Resolved)
        {
            Assert.That(json.GetProperty("source").GetString(), Is.Not.Empty);
            return;
        }
        Assert.That(json.GetProperty("message").GetString()!.Length, Is.InRange(1, 130));
        Assert.That(json.GetProperty("alias").GetString(), Is.EqualTo(SinkTestData.Fingerprint));
        Assert.That(json.GetProperty("priority").GetString(), Is.AnyOf("P1", "P2", "P3", "P4", "P5"));
        Assert.That(json.GetProperty("description").GetString(), Is.EqualTo(Nasty));
        Assert.That(json.GetProperty("details").ValueKind, Is.EqualTo(JsonValueKind.Object));
    }
}
