namespace RuleHost.Engine.Hosting;

/// <summary>RuleHostOptions are the host's settings (section "RuleHost", command-line flags override them).</summary>
internal sealed class RuleHostOptions
{
    public const string Section = "RuleHost";

    /// <summary>RulesPath is the folder of rule files, watched for changes.</summary>
    public string RulesPath { get; set; } = "rules";

    /// <summary>DataPath is the folder of the state store.</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>QueueCapacity bounds the events waiting for evaluation; ingest waits (back-pressure) when it is full.</summary>
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>MaxRequestBytes bounds one ingest request body; larger ones get 413.</summary>
    public long MaxRequestBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>TickInterval is how often host-clock timers (heartbeats, ResolveAfter) are checked.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>CheckpointInterval is how often the rules' timers and windows are saved to the state store (alert changes are saved at once).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>WatchdogTimeout is how long one rule may run without reaching a guard (stuck inside a library call) before its evaluation thread is abandoned.</summary>
    public TimeSpan WatchdogTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>ReloadDebounce is the quiet time after the last file change before rules recompile or the targets of the configuration file are re-read.</summary>
    public TimeSpan ReloadDebounce { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>RegistrationBudget bounds how long a rule file's top-level code may run when it loads.</summary>
    public TimeSpan RegistrationBudget { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>QuarantineAfter is how many evaluations in a row may fault before a rule is disabled until its file changes.</summary>
    public int QuarantineAfter { get; set; } = 10;

    /// <summary>ResolveTimeout ends an alert posted to /api/v2/alerts without endsAt unless it is posted again (Alertmanager's resolve_timeout).</summary>
    public TimeSpan ResolveTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>HistoryRetention is how long alert_history keeps an alert's changes once it has resolved; an active alert keeps its whole history.</summary>
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Sandbox widens the API allowlist rule code is checked against.</summary>
    public RuleHost.Engine.Sandbox.SandboxOptions Sandbox { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        foreach (var problem in Sandbox.Validate())
            yield return problem;
        if (ResolveTimeout <= TimeSpan.Zero)
            yield return $"ResolveTimeout must be positive (was {ResolveTimeout})";
        if (QuarantineAfter < 1)
            yield return $"QuarantineAfter must be at least 1 (was {QuarantineAfter})";
        if (string.IsNullOrWhiteSpace(RulesPath))
            yield return "RulesPath must name a folder";
        if (QueueCapacity < 1)
            yield return $"QueueCapacity must be at least 1 (was {QueueCapacity})";
        if (MaxRequestBytes < 1024)
            yield return $"MaxRequestBytes must be at least 1024 (was {MaxRequestBytes})";
        if (TickInterval <= TimeSpan.Zero)
            yield return $"TickInterval must be positive (was {TickInterval})";
        if (WatchdogTimeout < TimeSpan.FromMilliseconds(50))
            yield return $"WatchdogTimeout must be at least 50 ms (was {WatchdogTimeout})";
        if (CheckpointInterval <= TimeSpan.Zero)
            yield return $"CheckpointInterval must be positive (was {CheckpointInterval})";
        if (ReloadDebounce < TimeSpan.Zero)
            yield return $"ReloadDebounce must not be negative (was {ReloadDebounce})";
        if (RegistrationBudget <= TimeSpan.Zero)
            yield return $"RegistrationBudget must be positive (was {RegistrationBudget})";
        if (HistoryRetention <= TimeSpan.Zero)
            yield return $"HistoryRetention must be positive (was {HistoryRetention})";
    }
}
