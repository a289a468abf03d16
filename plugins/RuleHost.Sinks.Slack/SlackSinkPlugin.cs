using RuleHost.Notifications;

namespace RuleHost.Sinks.Slack;

/// <summary>SlackSinkPlugin is the <c>slack</c> sink: a Block Kit message POSTed to a Slack incoming webhook (<c>Url</c>).</summary>
public sealed class SlackSinkPlugin : ISinkPlugin
{
    public string Name => "slack";

    public string DefaultTemplate => EmbeddedTemplate.Read(typeof(SlackSinkPlugin).Assembly, "slack.cshtml");

    public string ContentType => "application/json";

    public INotificationSink Create(SinkSettings settings) => HttpPostSink.Create(settings);
}
