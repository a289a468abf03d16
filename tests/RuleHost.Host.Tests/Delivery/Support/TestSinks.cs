using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using RuleHost.Engine.Delivery;
using RuleHost.Notifications;

namespace RuleHost.Host.Tests.Delivery.Support;

/// <summary>TestSinks is a sink catalog for tests: plugins can be added while the host runs, as a plugin folder would be.</summary>
internal sealed class TestSinks : ISinkCatalog
{
    private readonly ConcurrentDictionary<string, ISinkPlugin> _plugins = new(StringComparer.Ordinal);

    public static TestSinks WithPost() => new TestSinks().Load(new PostSinkPlugin());

    public TestSinks Load(ISinkPlugin plugin)
    {
        _plugins[plugin.Name] = plugin;
        return this;
    }

    public bool TryGetSink(string sinkName, [NotNullWhen(true)] out ISinkPlugin? sink) => _plugins.TryGetValue(sinkName, out sink);
}

/// <summary>PostSinkPlugin ("post") POSTs the body to the target's Url with a webhook-id header and maps the status code as the real sinks do.</summary>
internal sealed class PostSinkPlugin : ISinkPlugin
{
    public string Name => "post";

    public string DefaultTemplate => "";

    public string ContentType => "application/json";

    public INotificationSink Create(SinkSettings settings) => new PostSink(new Uri(settings.Require("Url")), settings.Http);

    private sealed class PostSink(Uri url, HttpClient http) : INotificationSink
    {
        public async ValueTask<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(notification.Body) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(notification.ContentType);
            request.Headers.Add("webhook-id", notification.Id);
            using var response = await http.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => DeliveryResult.Delivered(status),
                408 or 429 or >= 500 => DeliveryResult.Retryable($"HTTP {status}", status, RetryAfter(response)),
                _ => DeliveryResult.Permanent($"HTTP {status}", status),
            };
        }

        private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter?.Delta;
    }
}

/// <summary>BlockingSinkPlugin ("blocking") blocks the calling thread in SendAsync, without ever awaiting, until <see cref="Release"/> is set: a badly written plugin.</summary>
internal sealed class BlockingSinkPlugin : ISinkPlugin
{
    public ManualResetEventSlim Entered { get; } = new();

    public ManualResetEventSlim Release { get; } = new();

    public string Name => "blocking";

    public string DefaultTemplate => "";

    public string ContentType => "application/json";

    public INotificationSink Create(SinkSettings settings) => new Sink(this);

    private sealed class Sink(BlockingSinkPlugin plugin) : INotificationSink
    {
        public ValueTask<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
        {
            plugin.Entered.Set();
            plugin.Release.Wait(CancellationToken.None);
            return ValueTask.FromResult(DeliveryResult.Delivered(200));
        }
    }
}

/// <summary>TestRenderer renders a small JSON of the model, so tests can read kind, fingerprint and the folded alerts from the body.</summary>
internal sealed class TestRenderer : RuleHost.Engine.Templates.INotificationRenderer
{
    public RuleHost.Engine.Templates.RenderedBody Render(NotificationModel model, ISinkPlugin sink, string? ruleTemplate, string? targetTemplate) =>
        new(System.Text.Json.JsonSerializer.Serialize(new
        {
            id = model.NotificationId,
            kind = model.Kind.ToString(),
            target = model.Target,
            fingerprint = model.Alert.Fingerprint,
            rule = model.Rule,
            summary = model.Alert.Summary,
            alerts = model.Alerts.Select(a => a.Fingerprint),
            template = ruleTemplate ?? targetTemplate,
        }), "application/json", targetTemplate == "broken.cshtml" ? "broken.cshtml(3,7): error CS1002: ; expected" : null);
}

/// <summary>TestMuter mutes alerts labelled <c>silenced=yes</c>.</summary>
internal sealed class TestMuter : RuleHost.Engine.Silences.IMuter
{
    public bool IsMuted(Alert alert, DateTimeOffset now) => alert.Labels.GetValueOrDefault("silenced") == "yes";
}
