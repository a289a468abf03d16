namespace RuleHost.Notifications;

/// <summary>HttpPostSink POSTs the rendered body to the target's <c>Url</c>, with its headers and the Standard Webhooks headers: the whole transport of the webhook, Slack and Teams sinks.</summary>
public sealed class HttpPostSink : INotificationSink
{
    private readonly SinkSettings _settings;
    private readonly Uri _url;

    private HttpPostSink(SinkSettings settings, Uri url) => (_settings, _url) = (settings, url);

    /// <summary>Create checks the settings now (an http(s) <c>Url</c>, a well-formed <c>whsec_</c> secret), not at the first send.</summary>
    public static HttpPostSink Create(SinkSettings settings)
    {
        var url = settings.HttpUrl();
        if (settings.Secret is { Length: > 0 } secret)
            _ = StandardWebhooks.Key(secret);
        return new HttpPostSink(settings, url);
    }

    public async ValueTask<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        using var request = HttpDelivery.CreateRequest(_settings, notification, _url, notification.Body);
        return await HttpDelivery.SendAsync(_settings.Http, request, _settings.Time, cancellationToken).ConfigureAwait(false);
    }
}
