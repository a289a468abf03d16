using System.Diagnostics.CodeAnalysis;
using RuleHost.Engine.Delivery;
using RuleHost.Notifications;
using RuleHost.Sources;

namespace RuleHost.Engine.Plugins;

/// <summary>PluginCatalog holds the loaded plugins and finds a sink or source by name; lookups always see the current version.</summary>
/// <remarks>
/// Lookups read an immutable snapshot and take no lock. Consumers should look a sink up for each use (or compare
/// <see cref="Generation"/>): after a reload the old version is unloaded once nothing refers to it any more.
/// </remarks>
internal sealed class PluginCatalog : ISinkCatalog, IDisposable
{
    /// <summary>InitialLoadWait bounds how long a lookup waits for the plugins present at start to finish loading.</summary>
    public static readonly TimeSpan InitialLoadWait = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _initialLoad = new();
    private readonly SortedDictionary<string, PluginEntry> _entries = new(StringComparer.Ordinal);
    private volatile Served _served = Served.Empty;

    /// <summary>Generation grows by one with every change to what is served.</summary>
    public long Generation => _served.Generation;

    /// <summary>TryGetSink finds the sink served under a name; until the plugins present at start have loaded, it waits for them.</summary>
    public bool TryGetSink(string sinkName, [NotNullWhen(true)] out ISinkPlugin? sink)
    {
        WaitForInitialLoad();
        var found = _served.Sinks.TryGetValue(sinkName, out var isolated);
        sink = isolated;
        return found;
    }

    public bool TryGetSource(string sourceName, [NotNullWhen(true)] out ISourcePlugin? source)
    {
        WaitForInitialLoad();
        return _served.Sources.TryGetValue(sourceName, out source);
    }

    /// <summary>InitialLoadDone says the plugins present at start have all been tried (loaded or failed).</summary>
    public bool InitialLoadDone => _initialLoad.IsSet;

    /// <summary>MarkInitialLoadDone releases lookups waiting for the plugins present at start.</summary>
    public void MarkInitialLoadDone() => _initialLoad.Set();

    private void WaitForInitialLoad()
    {
        if (!_initialLoad.IsSet)
            _initialLoad.Wait(InitialLoadWait);
    }

    public IReadOnlyList<PluginStatus> Status
    {
        get
        {
            lock (_gate)
                return _entries.Values.Select(e => e.Status()).ToList();
        }
    }

    public IReadOnlyCollection<string> Names
    {
        get
        {
            lock (_gate)
                return _entries.Keys.ToList();
        }
    }

    /// <summary>SignatureOf is the signature of the folder as last tried, or null if the plugin is unknown.</summary>
    public string? SignatureOf(string name)
    {
        lock (_gate)
            return _entries.GetValueOrDefault(name)?.Signature;
    }

    /// <summary>Serve makes <paramref name="plugin"/> the version served for its folder and unloads the one it replaces.</summary>
    public void Serve(string path, LoadedPlugin plugin)
    {
        LoadedPlugin? replaced;
        lock (_gate)
        {
            var entry = Entry(plugin.Name, path);
            replaced = entry.Serving;
            entry.Serving = plugin;
            entry.Signature = plugin.Signature;
            entry.Error = null;
            entry.Loads++;
            Publish();
        }

        replaced?.Dispose();
    }

    /// <summary>Fail records why a folder did not load; a version already serving keeps serving.</summary>
    public void Fail(string name, string path, string signature, string error)
    {
        lock (_gate)
        {
            var entry = Entry(name, path);
            entry.Signature = signature;
            entry.Error = entry.Serving is null ? error : $"{error} (version {entry.Serving.Version} loaded at {entry.Serving.LoadedAt:O} keeps serving)";
            Publish();
        }
    }

    /// <summary>Remove forgets a plugin whose folder is gone and unloads it.</summary>
    public bool Remove(string name)
    {
        PluginEntry? entry;
        lock (_gate)
        {
            if (!_entries.Remove(name, out entry))
                return false;
            Publish();
        }

        entry.Serving?.Dispose();
        return true;
    }

    public void Dispose()
    {
        _initialLoad.Set(); // nobody waits on a catalog that is going away
        lock (_gate)
        {
            foreach (var entry in _entries.Values)
                entry.Serving?.Dispose();
            _entries.Clear();
            _served = Served.Empty;
        }
    }

    private PluginEntry Entry(string name, string path)
    {
        if (!_entries.TryGetValue(name, out var entry))
            _entries[name] = entry = new PluginEntry(name, path);
        return entry;
    }

    /// <summary>Publish rebuilds the lookup; plugins claim names in folder-name order, and a later plugin reusing a name serves nothing.</summary>
    private void Publish()
    {
        var sinks = new Dictionary<string, ISinkPlugin>(StringComparer.OrdinalIgnoreCase);
        var sources = new Dictionary<string, ISourcePlugin>(StringComparer.OrdinalIgnoreCase);
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in _entries.Values)
        {
            entry.Conflict = null;
            if (entry.Serving is not { } plugin)
                continue;
            var claims = plugin.Sinks.Select(s => "sink " + s.Name).Concat(plugin.Sources.Select(s => "source " + s.Name)).ToList();
            var taken = claims.FirstOrDefault(owners.ContainsKey);
            if (taken is not null)
            {
                entry.Conflict = $"{taken.Replace(" ", " '", StringComparison.Ordinal)}' is already provided by plugin '{owners[taken]}'";
                continue;
            }

            claims.ForEach(c => owners[c] = entry.Name);
            plugin.Sinks.ToList().ForEach(s => sinks[s.Name] = s);
            plugin.Sources.ToList().ForEach(s => sources[s.Name] = s);
        }

        _served = new Served(_served.Generation + 1, sinks, sources);
    }

    private sealed record Served(long Generation, IReadOnlyDictionary<string, ISinkPlugin> Sinks, IReadOnlyDictionary<string, ISourcePlugin> Sources)
    {
        public static readonly Served Empty = new(0, new Dictionary<string, ISinkPlugin>(), new Dictionary<string, ISourcePlugin>());
    }
}
