using System.Text.Json;
using RuleHost.Notifications;

namespace RuleHost.Engine.Templates;

/// <summary>MinimalJson is the last resort body when even a sink's default template fails: the alert as plain JSON, and why.</summary>
internal static class MinimalJson
{
    public static string Of(NotificationModel model, string problem) => JsonSerializer.Serialize(
        new
        {
            kind = model.Kind,
            target = model.Target,
            notificationId = model.NotificationId,
            alert = model.Alert,
            problem,
        },
        TemplateJson.Options);
}
