namespace RuleHost.Notifications;

/// <summary>DeliveryResult is a sink's report of one attempt; sinks never retry, the engine's outbox does.</summary>
public readonly record struct DeliveryResult(DeliveryOutcome Outcome, int? StatusCode = null, string? Error = null, TimeSpan? RetryAfter = null)
{
    public static DeliveryResult Delivered(int? statusCode = null) => new(DeliveryOutcome.Delivered, statusCode);

    public static DeliveryResult Retryable(string error, int? statusCode = null, TimeSpan? retryAfter = null) =>
        new(DeliveryOutcome.RetryableFailure, statusCode, error, retryAfter);

    public static DeliveryResult Permanent(string error, int? statusCode = null) => new(DeliveryOutcome.PermanentFailure, statusCode, error);
}
