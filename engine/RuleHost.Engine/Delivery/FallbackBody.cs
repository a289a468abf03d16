using System.Text.Json;
using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>FallbackBody is the last resort when rendering throws outright: the notification model as plain JSON, so nothing is lost.</summary>
internal static class FallbackBody
{
    public static string Json(NotificationModel model) => JsonSerializer.Serialize(new
    {
        id = model.NotificationId,
        kind = model.Kind,
        target = model.Target,
        alert = model.Alert,
        alerts = model.Alerts,
    }, DeliveryJson.Options);
}
