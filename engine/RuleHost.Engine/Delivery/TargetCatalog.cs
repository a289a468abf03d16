using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>TargetCatalog holds the configured targets and one sink instance per target, re-created when the target's settings or its plugin change.</summary>
/// <remarks>
/// The targets are read and validated when it is constructed: a bad section stops the host at start, naming the target.
/// <see cref="Reload"/> swaps in a re-read set only when every new or changed target is good; lookups read the current
/// set without a lock, so every stage sees either the old set or the new one, never a mix.
/// </remarks>
internal sealed class TargetCatalog : IDisposable
{
    private readonly ISinkCatalog _sinks;
    private readonly DeliveryOptions _options;
    private readonly Func<string, string?> _environment;
    private readonly TimeProvider _clock;
    private readonly Lock _reloading = new();
    private readonly ConcurrentDictionary<string, Made> _instances = new(StringComparer.Ordinal);
    private volatile IReadOnlyDictionary<string, Target> _targets;

    public TargetCatalog(IConfiguration configuration, ISinkCatalog sinks, IOptions<DeliveryOptions> options, TimeProvider clock)
        : this(configuration, sinks, options.Value, Environment.GetEnvironmentVariable, clock)
    {
    }

    public TargetCatalog(IConfiguration configuration, ISinkCatalog sinks, DeliveryOptions options, Func<string, string?> environment, TimeProvider clock)
    {
        _clock = clock;
        _options = options;
        _environment = environment;
        var problems = new List<string>();
        _targets = TargetReader.Read(configuration, options, environment, problems);
        if (problems.Count > 0)
            throw new OptionsValidationException(TargetReader.Section, typeof(Target), problems);
        _sinks = sinks;
        var sockets = new SocketsHttpHandler
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

    /// <summary>SinkFor returns the sink of the target now configured under <paramref name="target"/>'s name, creating it (again) when the target or its plugin changed; null when the plugin is not loaded or the target is gone.</summary>
    /// <remarks>A notification picked up before a reload carries the old <see cref="Target"/>: it goes out with the settings configured now.</remarks>
    /// <exception cref="ArgumentException">The plugin refused the target's settings.</exception>
    public (ISinkPlugin Plugin, INotificationSink Sink)? SinkFor(Target target)
    {
        if (Find(target.Name) is not { } current || !_sinks.TryGetSink(current.Sink, out var plugin))
            return null;
        if (_instances.TryGetValue(current.Name, out var made) && made.Serves(current, plugin))
            return (plugin, made.Sink);
        made = Install(new Made(current, plugin, plugin.Create(SettingsOf(current))));
        return (made.Plugin, made.Sink);
    }

    /// <summary>Reload reads the targets of <paramref name="configuration"/> and makes them current in one swap, unless any new or changed target is bad.</summary>
    /// <remarks>
    /// A new or changed target must name a loaded sink whose plugin accepts its settings (its sink is created now, so a
    /// bad URL or secret is found here, not at the next alert). Unchanged targets keep their instance and sink.
    /// </remarks>
    public TargetReload Reload(IConfiguration configuration)
    {
        lock (_reloading)
        {
            var problems = new List<string>();
            var before = _targets;
            var after = new Dictionary<string, Target>(StringComparer.Ordinal);
            var made = new List<Made>();
            foreach (var target in TargetReader.Read(configuration, _options, _environment, problems).Values)
            {
                var kept = before.GetValueOrDefault(target.Name) is { } old && old.SameAs(target) ? old : null;
                after[target.Name] = kept ?? target;
                if (kept is null && Prepare(target, problems) is { } sink)
                    made.Add(sink);
            }

            if (problems.Count > 0)
            {
                made.ForEach(m => Retire(m.Sink));
                return TargetReload.Rejecting(problems);
            }

            _targets = after;
            made.ForEach(m => Install(m));
            foreach (var name in before.Keys.Where(n => !after.ContainsKey(n)))
            {
                if (_instances.TryRemove(name, out var gone))
                    Retire(gone.Sink);
            }

            return TargetReload.Between(before, after);
        }
    }

    public void Dispose()
    {
        foreach (var made in _instances.Values)
            Retire(made.Sink);
        _instances.Clear();
        Http.Dispose();
    }

    /// <summary>Prepare creates the sink of a new or changed target, or adds the problem that makes it unusable.</summary>
    private Made? Prepare(Target target, List<string> problems)
    {
        if (!_sinks.TryGetSink(target.Sink, out var plugin))
        {
            problems.Add($"target '{target.Name}': no loaded plugin provides the sink '{target.Sink}'");
            return null;
        }

        try
        {
            return new Made(target, plugin, plugin.Create(SettingsOf(target)));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var message = MessageOf(e);
            problems.Add(message.Contains($"'{target.Name}'", StringComparison.Ordinal) ? message : $"target '{target.Name}': {message}");
            return null;
        }
    }

    /// <summary>MessageOf is an exception's message without the " (Parameter 'Url')" an ArgumentException adds: sink messages name the setting already.</summary>
    private static string MessageOf(Exception e) =>
        e is ArgumentException { ParamName: { } name } && e.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? e.Message[..^$" (Parameter '{name}')".Length]
            : e.Message;

    private SinkSettings SettingsOf(Target target) => new(target.Name, target.Settings, Http) { Time = _clock };

    /// <summary>Install makes <paramref name="made"/> the target's cached sink and retires the one it replaces; if another thread already made one for the same target and plugin, that one stays and this one is retired.</summary>
    private Made Install(Made made)
    {
        while (true)
        {
            if (!_instances.TryGetValue(made.Target.Name, out var seen))
            {
                if (_instances.TryAdd(made.Target.Name, made))
                    return made;
            }
            else if (seen.Serves(made.Target, made.Plugin))
            {
                Retire(made.Sink);
                return seen;
            }
            else if (_instances.TryUpdate(made.Target.Name, made, seen))
            {
                Retire(seen.Sink);
                return made;
            }
        }
    }

    /// <summary>Retire disposes a sink that is no longer used, if it is disposable; a send still running on it may fail and is retried.</summary>
    private static void Retire(INotificationSink sink)
    {
        try
        {
            if (sink is IAsyncDisposable asynchronous)
                _ = asynchronous.DisposeAsync().AsTask().ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            else if (sink is IDisposable disposable)
                disposable.Dispose();
        }
        catch (Exception)
        {
            // A sink that fails to dispose is dropped all the same; the plugin host counts faults of its own sinks.
        }
    }

    /// <summary>Made is a sink instance and what it was made from.</summary>
    private sealed record Made(Target Target, ISinkPlugin Plugin, INotificationSink Sink)
    {
        public bool Serves(Target target, ISinkPlugin plugin) => ReferenceEquals(Target, target) && ReferenceEquals(Plugin, plugin);
    }
}
