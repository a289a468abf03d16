using RuleHost.Notifications;

namespace RuleHost.Engine.Plugins;

/// <summary>IsolatedSink turns an exception thrown by a plugin's send into a failed <see cref="DeliveryResult"/>, so plugin code never breaks the outbox.</summary>
internal sealed class IsolatedSink(INotificationSink inner, IsolatedSinkPlugin plugin, PluginFaults faults) : INotificationSink
{
    public async ValueTask<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.SendAsync(notification, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            faults.Record($"sink '{plugin.Name}' sending to '{notification.Target}'", e);
            var error = $"sink plugin '{plugin.Plugin}' threw {e.GetType().Name}: {e.Message}";

            // Transport trouble may pass; a bug in the plugin will not, so that is dead-lettered where it is visible.
            return e is HttpRequestException or IOException or TimeoutException or OperationCanceledException
                ? DeliveryResult.Retryable(error)
                : DeliveryResult.Permanent(error);
        }
    }
}
