using RuleHost.Notifications;

namespace RuleHost.Sinks.Opsgenie;

/// <summary>OpsgenieSinkPlugin is the <c>opsgenie</c> sink: alerts created with the fingerprint as <c>alias</c>, acknowledged and closed by it.</summary>
/// <remarks>Settings: <c>ApiKey</c> (required), <c>Url</c> (default the US Alert API; EU: https://api.eu.opsgenie.com/v2/alerts), <c>Headers</c>, <c>Secret</c>.</remarks>
public sealed class OpsgenieSinkPlugin : ISinkPlugin
{
    public const string AlertApi = "https://api.opsgenie.com/v2/alerts";

    public string Name => "opsgenie";

    public string DefaultTemplate => EmbeddedTemplate.Read(typeof(OpsgenieSinkPlugin).Assembly, "opsgenie.cshtml");

    public string ContentType => "application/json";

    public INotificationSink Create(SinkSettings settings) =>
        new OpsgenieSink(settings, settings.HttpUrl(AlertApi), settings.Require("ApiKey"));
}
