using System.Text.Json.Nodes;
using RuleHost.Notifications;

namespace RuleHost.Sinks.PagerDuty;

/// <summary>PagerDutySink sends one Events API v2 event; the protocol fields come from the sink, the content from the template.</summary>
/// <remarks>
/// <c>routing_key</c> is added here, not in the template, so the key stays out of rendered bodies and the outbox;
/// <c>event_action</c> (from the notification kind) and <c>dedup_key</c> (the alert fingerprint) are filled in when a template leaves them out.
/// </remarks>
internal sealed class PagerDutySink(SinkSettings settings, Uri url, string routingKey) : INotificationSink
{
    public async ValueTask<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        if (Complete(notification) is not { } body)
            return DeliveryResult.Permanent($"the rendered body for target '{notification.Target}' is not a JSON object");
        using var request = HttpDelivery.CreateRequest(settings, notification, url, body);
        return await HttpDelivery.SendAsync(settings.Http, request, settings.Time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>EventAction maps why a notification is sent to what PagerDuty should do.</summary>
    public static string EventAction(NotificationKind kind) => kind switch
    {
        NotificationKind.Acknowledged => "acknowledge",
        NotificationKind.Resolved => "resolve",
        _ => "trigger",
    };

    private string? Complete(Notification notification)
    {
        JsonObject? body;
        try
        {
            body = JsonNode.Parse(notification.Body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        if (body is null)
            return null;
        body["routing_key"] = routingKey;
        if (!body.ContainsKey("event_action"))
            body["event_action"] = EventAction(notification.Kind);
        if (!body.ContainsKey("dedup_key"))
            body["dedup_key"] = notification.Alert.Fingerprint;
        return body.ToJsonString();
    }
}
