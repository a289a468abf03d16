using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>TargetCatalog holds the configured targets and one sink instance per target, re-created when the catalog's plugin for it changes.</summary>
/// <remarks>The targets are read and validated when it is constructed: a bad section stops the host at start, naming the target.</remarks>
internal sealed class TargetCatalog : IDisposable
{
    private readonly IReadOnlyDictionary<string, Target> _targets;
    private readonly ISinkCatalog _sinks;
    private readonly ConcurrentDictionary<string, (ISinkPlugin Plugin, INotificationSink Sink)> _instances = new(StringComparer.Ordinal);

    private readonly TimeProvider _clock;

    public TargetCatalog(IConfiguration configuration, ISinkCatalog sinks, IOptions<DeliveryOptions> options, TimeProvider clock)
        : this(configuration, sinks, options.Value, Environment.GetEnvironmentVariable, clock)
    {
    }

    public TargetCatalog(IConfiguration configuration, ISinkCatalog sinks, DeliveryOptions options, Func<string, string?> environment, TimeProvider clock)
    {
        _clock = clock;
        var problems = new List<string>();
        _targets = TargetReader.Read(configuration, options, environment, problems);
        if (problems.Count > 0)
            throw new OptionsValidationException(TargetReader.Section, typeof(Target), problems);
        _sinks = sinks;
        HttpMessageHandler sockets = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        Http = new HttpClient(options.HttpPipelining ? new Http.PipelinedHttpHandler(sockets, options.ConnectionsPerReceiver, options.PipelineDepth) : sockets)
        {
            Timeout = Timeout.InfiniteTimeSpan, // the outbox bounds each attempt through the cancellation token
        };
    }

    /// <summary>Http is the one client every sink shares.</summary>
    public HttpClient Http { get; }

    public IEnumerable<Target> All => _targets.Values;

    public Target? Find(string name) => _targets.GetValueOrDefault(name);

    /// <summary>TryPlugin finds the loaded plugin of a target's sink kind.</summary>
    public bool TryPlugin(Target target, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ISinkPlugin? plugin) =>
        _sinks.TryGetSink(target.Sink, out plugin);

    /// <summary>SinkFor returns the target's sink, creating it (again) when its plugin was loaded or replaced; null when the plugin is not loaded.</summary>
    /// <exception cref="ArgumentException">The plugin refused the target's settings.</exception>
    public (ISinkPlugin Plugin, INotificationSink Sink)? SinkFor(Target target)
    {
        if (!_sinks.TryGetSink(target.Sink, out var plugin))
            return null;
        if (_instances.TryGetValue(target.Name, out var made) && ReferenceEquals(made.Plugin, plugin))
            return made;
        made = (plugin, plugin.Create(new SinkSettings(target.Name, target.Settings, Http) { Time = _clock }));
        _instances[target.Name] = made;
        return made;
    }

    public void Dispose() => Http.Dispose();
}
