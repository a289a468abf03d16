using Prometheus;

namespace RuleHost.Host.Metrics;

/// <summary>IngestMeter counts what the ingest endpoints refuse and the Alertmanager-format alerts they take in.</summary>
internal sealed class IngestMeter
{
    public const string Events = "events";
    public const string Alerts = "alerts";
    public const string Invalid = "invalid";
    public const string TooLarge = "too_large";

    private readonly Counter _rejections;
    private readonly Counter.Child _firing;
    private readonly Counter.Child _resolved;

    public IngestMeter(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _rejections = factory.CreateCounter(
            "rulehost_ingest_rejections_total",
            "Ingest requests refused, by endpoint (events, alerts) and reason (invalid, too_large); nothing of a refused request is taken.",
            "endpoint", "reason");
        var received = factory.CreateCounter(
            "rulehost_alertmanager_alerts_received_total",
            "Alerts received on POST /api/v2/alerts, by status (firing, resolved: an endsAt in the past).",
            "status");
        foreach (var endpoint in new[] { Events, Alerts })
        {
            foreach (var reason in new[] { Invalid, TooLarge })
                _rejections.WithLabels(endpoint, reason); // present from the start at 0, so rate() sees the first one
        }

        _firing = received.WithLabels("firing");
        _resolved = received.WithLabels("resolved");
    }

    public void Rejected(string endpoint, string reason) => _rejections.WithLabels(endpoint, reason).Inc();

    public void AlertsReceived(int firing, int resolved)
    {
        _firing.Inc(firing);
        _resolved.Inc(resolved);
    }
}
