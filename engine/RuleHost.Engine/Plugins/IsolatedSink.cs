using RuleHost.Notifications;

namespace RuleHost.Engine.Plugins;

/// <summary>IsolatedSink turns an exception thrown by a plugin's send into a failed <see cref="DeliveryResult"/>, so plugin code never breaks the outbox.</summary>
/// <remarks>Disposing it disposes the plugin's sink, if that is disposable (the engine does when a target's settings change or the target is removed).</remarks>
internal sealed class IsolatedSink(INotificationSink inner, IsolatedSinkPlugin plugin, PluginFaults faults) : INotificationSink, IAsyncDisposable
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

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (inner is IAsyncDisposable asynchronous)
                await asynchronous.DisposeAsync();
            else if (inner is IDisposable disposable)
                disposable.Dispose();
        }
        catch (Exception e)
        {
            faults.Record($"sink '{plugin.Name}' disposing", e);
        }
    }
}
