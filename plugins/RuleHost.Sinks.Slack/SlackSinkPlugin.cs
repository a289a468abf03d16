using RuleHost.Notifications;

namespace RuleHost.Sinks.Slack;

/// <summary>SlackSinkPlugin is the <c>slack</c> sink: a Block Kit message POSTed to a Slack incoming webhook (<c>Url</c>).</summary>
public sealed class SlackSinkPlugin : ISinkPlugin
{
    public string Name => "slack";

    public string DefaultTemplate => EmbeddedTemplate.Read(typeof(SlackSinkPlugin).Assembly, "slack.cshtml");

    public string ContentType => "application/json";

    public INotificationSink Create(SinkSettings settings)
    {
        var url = settings.HttpUrl();
        if (settings.Secret is { Length: > 0 } secret)
            _ = StandardWebhooks.Key(secret); // a malformed whsec_ secret is refused now, not at the first send
        return new SlackSink(settings, url);
    }
}
