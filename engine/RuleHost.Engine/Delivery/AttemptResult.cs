using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>AttemptResult is what one attempt came to: the sink's result, whether anything was sent, and the verdict on the notification.</summary>
internal sealed record AttemptResult(DeliveryResult Result, AttemptVerdict Verdict, bool Sent = true);

/// <summary>AttemptVerdict: delivered, worth another attempt, or dead-lettered (permanent failure, too many attempts, too old).</summary>
internal enum AttemptVerdict
{
    Delivered,
    Retrying,
    Dead,
}
