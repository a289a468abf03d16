using RuleHost.Notifications;

namespace RuleHost.Sinks.Teams;

/// <summary>TeamsSinkPlugin is the <c>teams</c> sink: an Adaptive Card message POSTed to a Teams Workflows webhook (<c>Url</c>).</summary>
public sealed class TeamsSinkPlugin : ISinkPlugin
{
    public string Name => "teams";

    public string DefaultTemplate => EmbeddedTemplate.Read(typeof(TeamsSinkPlugin).Assembly, "teams.cshtml");

    public string ContentType => "application/json";

    public INotificationSink Create(SinkSettings settings) => HttpPostSink.Create(settings);
}
