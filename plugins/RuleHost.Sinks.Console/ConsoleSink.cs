using RuleHost.Notifications;

namespace RuleHost.Sinks.Console;

/// <summary>ConsoleSink prints the rendered body as one line, prefixed with the target name.</summary>
internal sealed class ConsoleSink(TextWriter output) : INotificationSink
{
    public async ValueTask<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var line = $"[{notification.Target}] {notification.Body.ReplaceLineEndings(" ").Trim()}";
        await output.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return DeliveryResult.Delivered();
    }
}
