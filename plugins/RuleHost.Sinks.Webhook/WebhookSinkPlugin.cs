using RuleHost.Notifications;

namespace RuleHost.Sinks.Webhook;

/// <summary>WebhookSinkPlugin is the <c>webhook</c> sink: the rendered body POSTed to any URL; signed per Standard Webhooks when a <c>Secret</c> is set.</summary>
public sealed class WebhookSinkPlugin : ISinkPlugin
{
    public string Name => "webhook";

    public string DefaultTemplate => EmbeddedTemplate.Read(typeof(WebhookSinkPlugin).Assembly, "webhook.cshtml");

    public string ContentType => "application/json";

    public INotificationSink Create(SinkSettings settings) => HttpPostSink.Create(settings);
}
