using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>Outgoing is one notification for one target as it moves through the pipeline stages, before it reaches the outbox.</summary>
internal sealed class Outgoing(Alert alert, string target, NotificationKind kind, string? ruleTemplate)
{
    public Alert Alert { get; } = alert;

    public string Target { get; } = target;

    public NotificationKind Kind { get; } = kind;

    /// <summary>RuleTemplate is the rule's Template(...) file, if it named one.</summary>
    public string? RuleTemplate { get; } = ruleTemplate;

    /// <summary>Alerts are the alerts a flood summary stands for; empty otherwise.</summary>
    public IReadOnlyList<Alert> Alerts { get; init; } = [];

    /// <summary>Id is the notification's id for every attempt (the <c>webhook-id</c>): the fingerprint, then a unique part.</summary>
    public string Id { get; init; } = NotificationIds.New(alert.Fingerprint);

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Seq is the outbox row's key, given when the row is written.</summary>
    public long Seq { get; set; }

    /// <summary>Body is null while the target's sink is not loaded: it is rendered at the first attempt that finds it.</summary>
    public string? Body { get; set; }

    public string ContentType { get; set; } = "application/json";

    public string? RenderProblem { get; set; }

    /// <summary>Attempts made so far (persisted when the notification is parked or finished).</summary>
    public int Attempts { get; set; }

    /// <summary>FirstAttempt, when set, hears the outcome of the first delivery attempt (the test-alert endpoint waits on it).</summary>
    public TaskCompletionSource<AttemptRecord>? FirstAttempt { get; init; }
}
