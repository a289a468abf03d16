using RuleHost.Notifications;

namespace RuleHost.Sinks.PagerDuty;

/// <summary>PagerDutySinkPlugin is the <c>pagerduty</c> sink: PagerDuty Events API v2, one alert one incident by <c>dedup_key</c>.</summary>
/// <remarks>Settings: <c>RoutingKey</c> (required: the integration key), <c>Url</c> (default the Events API), <c>Headers</c>, <c>Secret</c>.</remarks>
public sealed class PagerDutySinkPlugin : ISinkPlugin
{
    public const string EventsApi = "https://events.pagerduty.com/v2/enqueue";

    public string Name => "pagerduty";

    public string DefaultTemplate => EmbeddedTemplate.Read(typeof(PagerDutySinkPlugin).Assembly, "pagerduty.cshtml");

    public string ContentType => "application/json";

    public INotificationSink Create(SinkSettings settings) =>
        new PagerDutySink(settings, settings.HttpUrl(EventsApi), settings.Require("RoutingKey"));
}
