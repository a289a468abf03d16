using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using RuleHost.Notifications;

namespace RuleHost.Sinks.Opsgenie;

/// <summary>OpsgenieSink makes one Alert API call: create for a firing alert, <c>{alias}/acknowledge</c> or <c>{alias}/close</c> by alias otherwise.</summary>
internal sealed class OpsgenieSink(SinkSettings settings, Uri url, string apiKey) : INotificationSink
{
    public async ValueTask<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var create = Action(notification.Kind) is null;
        var body = create ? WithAlias(notification.Body, notification.Alert.Fingerprint) : notification.Body;
        if (body is null)
            return DeliveryResult.Permanent($"the rendered body for target '{notification.Target}' is not a JSON object");

        using var request = HttpDelivery.CreateRequest(settings, notification, Endpoint(url, notification), body);
        request.Headers.Authorization = new AuthenticationHeaderValue("GenieKey", apiKey);
        return await HttpDelivery.SendAsync(settings.Http, request, settings.Time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Endpoint is the Alert API URL for a notification: the base URL to create, <c>{base}/{alias}/{action}?identifierType=alias</c> otherwise.</summary>
    public static Uri Endpoint(Uri alertApi, Notification notification) => Action(notification.Kind) is { } action
        ? new Uri($"{alertApi.AbsoluteUri.TrimEnd('/')}/{Uri.EscapeDataString(notification.Alert.Fingerprint)}/{action}?identifierType=alias")
        : alertApi;

    private static string? Action(NotificationKind kind) => kind switch
    {
        NotificationKind.Acknowledged => "acknowledge",
        NotificationKind.Resolved => "close",
        _ => null,
    };

    /// <summary>WithAlias makes sure a create request carries the fingerprint as its alias, the key acknowledge and close find it by.</summary>
    private static string? WithAlias(string body, string fingerprint)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonObject json)
                return null;
            if (json["alias"] is null)
                json["alias"] = fingerprint;
            return json.ToJsonString();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
