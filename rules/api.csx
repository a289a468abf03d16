#load "_common.csx"

// CPU above 85% held for two minutes of event time.
Rule("HighCpu")
    .Match(e => e.Metric == "cpu")
    .When(e => e.Value > 85)
    .ResolveWhen(e => e.Value < 75)                // hysteresis: no flapping around 85
    .For(TimeSpan.FromMinutes(2))
    .KeyBy(e => e.Service)
    .Severity(Severity.Critical)
    .Summary(e => $"CPU {Percent(e.Value)} on {e.Service}")
    .Runbook("https://runbooks.example.com/cpu")
    .SuppressFor(TimeSpan.FromMinutes(5))
    .NotifyTo("ops-slack", "oncall-pagerduty");

// More than 5% of requests failing over five minutes, once there is enough traffic to judge.
Rate("HighErrorRate")
    .Match(e => e.Metric == "http_request")
    .Count(IsServerError)
    .Over(TimeSpan.FromMinutes(5))
    .Above(0.05)
    .MinEvents(100)
    .KeyBy(e => e.Service)
    .Severity(Severity.Error)
    .Summary(e => $"{e.Service}: more than 5% of requests fail")
    .NotifyTo("oncall-pagerduty");

// Both at once on the same service: the API is degraded.
Composite("ApiDegraded")
    .AllOf("HighCpu", "HighErrorRate")
    .Severity(Severity.Critical)
    .Summary("CPU and error rate are both high")
    .NotifyTo("oncall-pagerduty");

// Latency far above its own moving baseline of the last hour.
Anomaly("LatencySpike")
    .Match(e => e.Metric == "latency_ms")
    .Over(TimeSpan.FromHours(1))
    .Above(zScore: 3)
    .MinEvents(30)
    .KeyBy(e => e.Service)
    .Summary(e => $"latency {e.Value:F0} ms on {e.Service} is unusual")
    .Label("team", e => e.Tags["team"]);
