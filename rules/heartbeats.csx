// Every service sends {"service": "...", "metric": "heartbeat"} at least once a minute.
Heartbeat("ApiHeartbeat")
    .Match(e => e.Metric == "heartbeat")
    .KeyBy(e => e.Service)
    .MissingFor(TimeSpan.FromMinutes(5))
    .Severity(Severity.Error)
    .Summary(e => $"{e.Service} stopped sending heartbeats")
    .EscalateTo("oncall-pagerduty", after: TimeSpan.FromMinutes(15));

// Disk nearly full; resolves by itself when the service stops reporting for an hour.
Rule("DiskAlmostFull")
    .Match(e => e.Metric == "disk_used_percent")
    .When(e => e.Value >= 90)
    .KeyBy(e => $"{e.Service}/{e.Tags["mount"]}")
    .Severity(e => e.Value >= 97 ? Severity.Critical : Severity.Warning)
    .Summary(e => $"disk {e.Tags["mount"]} on {e.Service} is {e.Value:F0}% full")
    .ResolveAfter(TimeSpan.FromHours(1))
    .KeepFiringFor(TimeSpan.FromMinutes(10));
