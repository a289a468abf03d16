namespace RuleHost.Notifications;

/// <summary>DeliveryOutcome is what one delivery attempt came to; the engine decides what happens next.</summary>
public enum DeliveryOutcome
{
    Delivered,

    /// <summary>RetryableFailure: worth trying again (network error, timeout, 408, 429, 5xx).</summary>
    RetryableFailure,

    /// <summary>PermanentFailure: trying again cannot help (other 4xx, a bad setting); dead-lettered.</summary>
    PermanentFailure,
}
