using RuleHost.Notifications;

namespace RuleHost.Sinks.Teams;

/// <summary>TeamsSink POSTs the rendered body to the target's <c>Url</c>, with its headers and the Standard Webhooks headers.</summary>
internal sealed class TeamsSink(SinkSettings settings, Uri url) : INotificationSink
{
    public async ValueTask<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        using var request = HttpDelivery.CreateRequest(settings, notification, url, notification.Body);
        return await HttpDelivery.SendAsync(settings.Http, request, settings.Time, cancellationToken).ConfigureAwait(false);
    }
}
