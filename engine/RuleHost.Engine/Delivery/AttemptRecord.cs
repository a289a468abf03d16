using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>AttemptRecord is one line of the audit trail: one delivery attempt of one notification (attempt 0 for a muted one).</summary>
internal sealed record AttemptRecord(
    string NotificationId,
    string Fingerprint,
    string Target,
    NotificationKind Kind,
    int Attempt,
    DateTimeOffset At,
    double? LatencyMs,
    int? StatusCode,
    string? Error,
    string Outcome)
{
    public const string Delivered = "delivered";
    public const string Retrying = "retrying";
    public const string Dead = "dead";
    public const string Muted = "muted";

    public static readonly string[] Outcomes = [Delivered, Retrying, Dead, Muted];
}
