using RuleHost.Notifications;

namespace RuleHost.Engine.Templates;

/// <summary>INotificationRenderer renders a notification body: the rule's template, else the target's, else the sink's default.</summary>
/// <remarks>A template that fails to compile or render is reported (file and line) and the sink's default is used instead: never lost.</remarks>
internal interface INotificationRenderer
{
    RenderedBody Render(NotificationModel model, ISinkPlugin sink, string? ruleTemplate, string? targetTemplate);
}

/// <summary>RenderedBody is a rendered notification body; Problem says why a chosen template was not used, if it was not.</summary>
internal sealed record RenderedBody(string Body, string ContentType, string? Problem = null);
