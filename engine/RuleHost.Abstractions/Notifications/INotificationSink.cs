namespace RuleHost.Notifications;

/// <summary>INotificationSink delivers a rendered notification to one configured target and reports the outcome.</summary>
/// <remarks>A sink makes one attempt: retries, backoff, timeouts, circuit breaking and telemetry belong to the engine.</remarks>
public interface INotificationSink
{
    ValueTask<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken);
}
