using Prometheus;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Hosting;

namespace RuleHost.Host.Metrics;

/// <summary>EngineMetrics publishes the engine's own counters at scrape time, so measuring costs the evaluation thread nothing extra.</summary>
/// <remarks>Counters are read without locks from the evaluation thread's fields: a scrape may be a moment stale, never torn (64-bit reads).</remarks>
internal sealed class EngineMetrics
{
    private static readonly AlertState[] States = Enum.GetValues<AlertState>();

    private readonly EventQueue _queue;
    private readonly EvaluationLoop _loop;
    private readonly RuleEngine _engine;
    private readonly AlertIndex _alerts;
    private readonly Counter _received;
    private readonly Counter _evaluated;
    private readonly Gauge _queued;
    private readonly Counter _ruleEvaluations;
    private readonly Counter _ruleSeconds;
    private readonly Counter _ruleFaults;
    private readonly Gauge _alertsByState;
    private HashSet<string> _published = new(StringComparer.Ordinal);

    public EngineMetrics(CollectorRegistry registry, EventQueue queue, EvaluationLoop loop, RuleEngine engine, AlertIndex alerts)
    {
        (_queue, _loop, _engine, _alerts) = (queue, loop, engine, alerts);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _received = factory.CreateCounter("rulehost_events_received_total", "Events accepted for evaluation (POST /api/v1/events and sources).");
        _evaluated = factory.CreateCounter("rulehost_events_evaluated_total", "Events the engine has evaluated against every rule.");
        _queued = factory.CreateGauge("rulehost_events_queued", "Events accepted and waiting for evaluation.");
        _ruleEvaluations = factory.CreateCounter("rulehost_rule_evaluations_total", "Events a rule matched and evaluated.", "rule");
        _ruleSeconds = factory.CreateCounter(
            "rulehost_rule_evaluation_seconds_total",
            $"Time spent evaluating a rule, estimated from timing one evaluation in {RuleCounters.SampleEvery}.",
            "rule");
        _ruleFaults = factory.CreateCounter("rulehost_rule_faults_total", "Evaluations of a rule that threw, ran out of budget or were refused by the sandbox.", "rule");
        _alertsByState = factory.CreateGauge("rulehost_alerts", "Alerts by state (resolved: the recently resolved ones the host still lists).", "state");
        registry.AddBeforeCollectCallback(Collect);
    }

    private void Collect()
    {
        _received.IncTo(_queue.Enqueued);
        _evaluated.IncTo(_loop.Evaluated);
        _queued.Set(_queue.Depth);
        CollectRules();
        CollectAlerts();
    }

    private void CollectRules()
    {
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in _engine.Evaluators)
        {
            var name = rule.Spec.Name;
            var counters = rule.Counters;
            current.Add(name);
            Publish(_ruleEvaluations, name, counters.Matched);
            Publish(_ruleFaults, name, counters.Faults);
            Publish(_ruleSeconds, name, (double)counters.SampledTicks / System.Diagnostics.Stopwatch.Frequency * RuleCounters.SampleEvery);
        }

        foreach (var gone in _published.Where(n => !current.Contains(n)))
        {
            _ruleEvaluations.RemoveLabelled(gone);
            _ruleFaults.RemoveLabelled(gone);
            _ruleSeconds.RemoveLabelled(gone);
        }

        _published = current;
    }

    /// <summary>Publish sets a per-rule counter; a rule whose kind changed starts new counters, which shows as a counter reset.</summary>
    private static void Publish(Counter counter, string rule, double value)
    {
        var child = counter.WithLabels(rule);
        if (value < child.Value)
        {
            counter.RemoveLabelled(rule);
            child = counter.WithLabels(rule);
        }

        child.IncTo(value);
    }

    private void CollectAlerts()
    {
        Span<int> counts = stackalloc int[States.Length];
        foreach (var alert in _alerts.All)
            counts[(int)alert.State]++;
        foreach (var state in States)
            _alertsByState.WithLabels(state.ToString().ToLowerInvariant()).Set(counts[(int)state]);
    }
}
