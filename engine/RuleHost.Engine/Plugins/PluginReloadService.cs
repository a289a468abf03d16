using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RuleHost.Engine.Hosting;

namespace RuleHost.Engine.Plugins;

/// <summary>PluginReloadService loads every plugin folder at start, then watches the plugins folder: a folder added is loaded, changed is reloaded, removed is unloaded.</summary>
/// <remarks>
/// The plugins present at start load in the background, so the API is up at once (the first plugin costs about a
/// second of JIT); sink lookups wait until that first pass is done. A copy arrives file by file, so a change only
/// marks its plugin folder; folders load once the plugins folder has been quiet for ReloadDebounce.
/// </remarks>
internal sealed class PluginReloadService(
    PluginCatalog catalog,
    PluginFolderLoader loader,
    TimeProvider clock,
    IOptions<PluginOptions> options,
    ILogger<PluginReloadService> logger) : BackgroundService
{
    private readonly string _root = Path.GetFullPath(options.Value.Path);
    private readonly PendingChanges _pending = new(clock);
    private FileSystemWatcher? _watcher;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        _watcher = Watch(_root);
        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _watcher?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // the first pass runs off the host's start
        try
        {
            Refresh(AllNames());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            PluginLog.RefreshFailed(logger, e);
        }
        finally
        {
            catalog.MarkInitialLoadDone();
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var (changed, rescan) = await _pending.WaitAsync(options.Value.ReloadDebounce, stoppingToken);
            try
            {
                Refresh(rescan ? AllNames() : changed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                PluginLog.RefreshFailed(logger, e);
            }
        }
    }

    private IEnumerable<string> AllNames() =>
        Directory.EnumerateDirectories(_root).Select(Path.GetFileName).OfType<string>().Union(catalog.Names, StringComparer.Ordinal).ToList();

    private void Refresh(IEnumerable<string> names)
    {
        var refreshed = names.Order(StringComparer.Ordinal).ToList();
        refreshed.ForEach(RefreshOne);
        foreach (var status in catalog.Status.Where(s => refreshed.Contains(s.Name) && s.Conflict is not null))
            PluginLog.Conflict(logger, status.Name, status.Conflict!);
    }

    /// <summary>RefreshOne brings one plugin folder in line with the disk; an unchanged folder is left alone.</summary>
    private void RefreshOne(string name)
    {
        var folder = Path.Combine(_root, name);
        if (!Directory.Exists(folder))
        {
            if (catalog.Remove(name))
                PluginLog.Removed(logger, name);
            return;
        }

        string signature;
        try
        {
            signature = PluginFolder.Signature(folder);
        }
        catch (IOException)
        {
            return; // the folder went away or is mid-copy; its next change brings it back here
        }

        if (signature == catalog.SignatureOf(name))
            return;
        try
        {
            var started = clock.GetTimestamp();
            var plugin = loader.Load(folder);
            catalog.Serve(folder, plugin);
            var elapsed = (long)clock.GetElapsedTime(started).TotalMilliseconds;
            PluginLog.Loaded(logger, name, plugin.Version, elapsed, string.Join(", ", plugin.Sinks.Select(s => s.Name)), string.Join(", ", plugin.Sources.Select(s => s.Name)));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            catalog.Fail(name, folder, signature, e.Message);
            PluginLog.Failed(logger, name, e.Message);
        }
    }

    /// <summary>Mark notes the plugin folder a changed path belongs to (its first segment under the plugins folder).</summary>
    private void Mark(string? path, bool rescan = false)
    {
        var relative = path is null ? null : Path.GetRelativePath(_root, path);
        var name = relative?.Split(Path.DirectorySeparatorChar, 2)[0];
        _pending.Mark(name is { Length: > 0 } && name != "." && name != ".." ? name : null, rescan);
    }

    private FileSystemWatcher Watch(string root)
    {
        var watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Created += (_, e) => Mark(e.FullPath);
        watcher.Changed += (_, e) => Mark(e.FullPath);
        watcher.Deleted += (_, e) => Mark(e.FullPath);
        watcher.Renamed += (_, e) =>
        {
            Mark(e.OldFullPath);
            Mark(e.FullPath);
        };
        watcher.Error += (_, e) =>
        {
            PluginLog.WatcherFailed(logger, root, e.GetException().Message);
            Mark(null, rescan: true);
        };
        watcher.EnableRaisingEvents = true;
        PluginLog.Watching(logger, root);
        return watcher;
    }
}
