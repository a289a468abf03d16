using System.Text.Json;
using RuleHost.Engine.Templates;
using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>ModelJsonRenderer is the stand-in renderer until a template engine is registered: the notification model as JSON.</summary>
internal sealed class ModelJsonRenderer : INotificationRenderer
{
    public RenderedBody Render(NotificationModel model, ISinkPlugin sink, string? ruleTemplate, string? targetTemplate) =>
        new(Json(model), "application/json");

    public static string Json(NotificationModel model) => JsonSerializer.Serialize(new
    {
        id = model.NotificationId,
        kind = model.Kind,
        target = model.Target,
        alert = model.Alert,
        alerts = model.Alerts,
    }, DeliveryJson.Options);
}
