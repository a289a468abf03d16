using Microsoft.Extensions.Logging;
using RuleHost.Engine.Templates;
using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>BodyRenderer renders one notification's body with the target's sink plugin; a template problem is logged and kept on the notification.</summary>
internal sealed class BodyRenderer(INotificationRenderer renderer, TargetCatalog targets, TimeProvider clock, ILogger<BodyRenderer> logger)
{
    /// <summary>TryRender fills the body; false when the target's sink is not loaded yet (it is rendered at a later attempt).</summary>
    public bool TryRender(Outgoing item)
    {
        if (targets.Find(item.Target) is not { } target || !targets.TryPlugin(target, out var plugin))
            return false;
        var model = ModelOf(item, target);
        RenderedBody body;
        try
        {
            body = renderer.Render(model, plugin, item.RuleTemplate, target.Template);
        }
        catch (Exception e)
        {
            // The renderer promises its own fallback; should it throw anyway, the model itself still goes out.
            body = new RenderedBody(FallbackBody.Json(model), "application/json", e.Message);
        }

        item.Body = body.Body;
        item.ContentType = body.ContentType;
        if (body.Problem is { } problem)
        {
            item.RenderProblem = problem;
            Log.RenderProblem(logger, item.Id, item.Target, problem);
        }

        return true;
    }

    public NotificationModel ModelOf(Outgoing item, Target target) => new()
    {
        Alert = item.Alert,
        Kind = item.Kind,
        Target = item.Target,
        NotificationId = item.Id,
        Alerts = item.Alerts.Count > 0 ? item.Alerts : [item.Alert],
        Settings = target.Settings,
        Now = clock.GetUtcNow(),
    };
}
