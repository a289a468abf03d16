using RuleHost.Notifications;

namespace RuleHost.Sinks.Webhook;

/// <summary>WebhookSinkPlugin is the <c>webhook</c> sink: the rendered body POSTed to any URL; signed per Standard Webhooks when a <c>Secret</c> is set.</summary>
public sealed class WebhookSinkPlugin : ISinkPlugin
{
    public string Name => "webhook";

    public string DefaultTemplate => EmbeddedTemplate.Read(typeof(WebhookSinkPlugin).Assembly, "webhook.cshtml");

    public string ContentType => "application/json";

    public INotificationSink Create(SinkSettings settings)
    {
        var url = settings.HttpUrl();
        if (settings.Secret is { Length: > 0 } secret)
            _ = StandardWebhooks.Key(secret); // a malformed whsec_ secret is refused now, not at the first send
        return new WebhookSink(settings, url);
    }
}
