using Prometheus;
using RuleHost.Engine.Delivery;

namespace RuleHost.Host.Metrics;

/// <summary>DeliveryMeter publishes the notification path: attempts by target and outcome, outbox depth, hand-off overflow, delivery latency.</summary>
internal sealed class DeliveryMeter
{
    private readonly DeliveryMetrics _delivery;
    private readonly Counter _notifications;
    private readonly Gauge _outbox;
    private readonly Counter _overflow;
    private readonly Histogram _latency;

    public DeliveryMeter(CollectorRegistry registry, DeliveryMetrics delivery)
    {
        _delivery = delivery;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _notifications = factory.CreateCounter("rulehost_notifications_total", "Delivery attempts by target and outcome (delivered, retrying, dead, muted).", "target", "outcome");
        _outbox = factory.CreateGauge("rulehost_outbox_depth", "Notifications in the outbox not yet delivered or dead-lettered.");
        _overflow = factory.CreateCounter("rulehost_notification_overflow_total", "Alert changes the notification hand-off could not take (its queue was full).");
        _latency = factory.CreateHistogram("rulehost_delivery_latency_seconds", "Time of one delivery attempt, by target.", new HistogramConfiguration
        {
            LabelNames = ["target"],
            Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16),
        });
        delivery.Attempted += Observe;
        registry.AddBeforeCollectCallback(Collect);
    }

    private void Observe(AttemptRecord attempt)
    {
        if (attempt.LatencyMs is { } ms)
            _latency.WithLabels(attempt.Target).Observe(ms / 1000);
    }

    private void Collect()
    {
        foreach (var ((target, outcome), count) in _delivery.Attempts)
            _notifications.WithLabels(target, outcome).IncTo(count);
        _outbox.Set(_delivery.OutboxDepth);
        _overflow.IncTo(_delivery.Overflow);
    }
}
