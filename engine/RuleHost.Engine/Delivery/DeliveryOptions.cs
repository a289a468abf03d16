namespace RuleHost.Engine.Delivery;

/// <summary>DeliveryOptions are the outbox's settings (section <c>RuleHost:Delivery</c>); flood settings can be overridden per target.</summary>
internal sealed class DeliveryOptions
{
    public const string Section = "RuleHost:Delivery";

    /// <summary>MaxConcurrency bounds the notifications in flight at once, over every target.</summary>
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>HttpPipelining sends plain-http notifications over a few kept-alive connections per receiver with many requests in flight on each (HTTP/1.1 pipelining); https is not pipelined.</summary>
    public bool HttpPipelining { get; set; } = true;

    /// <summary>ConnectionsPerReceiver and PipelineDepth shape the pipelined connections to one host and port.</summary>
    public int ConnectionsPerReceiver { get; set; } = 4;

    public int PipelineDepth { get; set; } = 32;

    /// <summary>AttemptTimeout bounds one attempt; the sink's cancellation token fires when it passes.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>RetryDelay is the first backoff delay; it doubles with each attempt (with jitter) up to MaxRetryDelay.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>InMemoryRetries are the quick retries Polly makes in memory before a notification is parked in the outbox.</summary>
    public int InMemoryRetries { get; set; } = 3;

    /// <summary>MaxInMemoryWait: a wait longer than this (a long Retry-After, an open circuit) is persisted as the next attempt time instead.</summary>
    public TimeSpan MaxInMemoryWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>MaxAttempts and MaxAge end retrying: the notification is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 20;

    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>FloodLimit is how many notifications one target gets per FloodInterval; the rest fold into one summary. 0: no limit.</summary>
    public int FloodLimit { get; set; }

    public TimeSpan FloodInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Breaker settings: a target's circuit opens when this share of attempts fails within the sampling time.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    public int BreakerMinimumThroughput { get; set; } = 20;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>AuditRetention is how long the audit trail keeps an attempt, and the outbox a dead-lettered notification (Alertmanager keeps its notification log 120 h).</summary>
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(5);

    /// <summary>QueueCapacity bounds alert changes waiting for the pipeline; beyond it they are counted and reported as overflow.</summary>
    public int QueueCapacity { get; set; } = 100_000;

    public IEnumerable<string> Validate()
    {
        if (MaxConcurrency < 1)
            yield return $"Delivery:MaxConcurrency must be at least 1 (was {MaxConcurrency})";
        if (ConnectionsPerReceiver is < 1 or > 256 || PipelineDepth is < 1 or > 1024)
            yield return $"Delivery:ConnectionsPerReceiver must be 1–256 and PipelineDepth 1–1024 (were {ConnectionsPerReceiver} and {PipelineDepth})";
        if (AttemptTimeout <= TimeSpan.Zero)
            yield return $"Delivery:AttemptTimeout must be positive (was {AttemptTimeout})";
        if (RetryDelay <= TimeSpan.Zero || RetryDelay > MaxRetryDelay)
            yield return $"Delivery:RetryDelay must be positive and at most MaxRetryDelay (was {RetryDelay})";
        if (InMemoryRetries < 0)
            yield return $"Delivery:InMemoryRetries must not be negative (was {InMemoryRetries})";
        if (MaxInMemoryWait < TimeSpan.Zero || MaxInMemoryWait > TimeSpan.FromDays(1))
            yield return $"Delivery:MaxInMemoryWait must be between 0 and one day (was {MaxInMemoryWait})";
        if (MaxAttempts < 1)
            yield return $"Delivery:MaxAttempts must be at least 1 (was {MaxAttempts})";
        if (MaxAge <= TimeSpan.Zero)
            yield return $"Delivery:MaxAge must be positive (was {MaxAge})";
        if (FloodLimit < 0)
            yield return $"Delivery:FloodLimit must not be negative (was {FloodLimit})";
        if (FloodInterval <= TimeSpan.Zero)
            yield return $"Delivery:FloodInterval must be positive (was {FloodInterval})";
        if (BreakerFailureRatio is <= 0 or > 1)
            yield return $"Delivery:BreakerFailureRatio must be in (0, 1] (was {BreakerFailureRatio})";
        if (BreakerMinimumThroughput < 2)
            yield return $"Delivery:BreakerMinimumThroughput must be at least 2 (was {BreakerMinimumThroughput})";
        if (BreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || BreakDuration < TimeSpan.FromMilliseconds(500))
            yield return "Delivery:BreakerSamplingDuration and BreakDuration must be at least 00:00:00.5";
        if (QueueCapacity < 1)
            yield return $"Delivery:QueueCapacity must be at least 1 (was {QueueCapacity})";
        if (AuditRetention <= TimeSpan.Zero)
            yield return $"Delivery:AuditRetention must be positive (was {AuditRetention})";
    }
}
