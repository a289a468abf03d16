using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RuleHost.Engine.Compilation;
using RuleHost.Engine.Rules;

namespace RuleHost.Engine.Hosting;

/// <summary>RuleReloadService loads the rules folder at start, then watches it and swaps in each change after a short debounce.</summary>
/// <remarks>
/// Editors save in many ways (in place, temp file then rename, several writes per save); every such event only marks
/// a path as changed, and one refresh runs once the folder has been quiet for ReloadDebounce.
/// </remarks>
internal sealed class RuleReloadService(
    RuleCatalog catalog,
    EvaluationLoop loop,
    TimeProvider clock,
    IOptions<RuleHostOptions> options,
    ILogger<RuleReloadService> logger) : BackgroundService
{
    private readonly PendingChanges _pending = new(clock);
    private FileSystemWatcher? _watcher;
    private Dictionary<string, int> _versions = new(StringComparer.Ordinal);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(catalog.Root);
        _watcher = Watch(catalog.Root);
        await PublishAsync(catalog.LoadAll());
        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _watcher?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var (changed, rescan) = await _pending.WaitAsync(options.Value.ReloadDebounce, stoppingToken);
            try
            {
                var change = rescan ? catalog.LoadAllAndForgetMissing() : catalog.Refresh(changed);
                await PublishAsync(change);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ReloadFailed(logger, e);
            }
        }
    }

    private async Task PublishAsync(RuleCatalogChange change)
    {
        if (change.Changed)
        {
            await loop.ApplyAsync(change.RuleSet);
            change.UnloadReplaced();
        }

        Report(catalog.Status);
    }

    /// <summary>Report logs what this refresh changed: files loaded, failed or removed.</summary>
    private void Report(IReadOnlyList<RuleFileStatus> files)
    {
        var versions = files.ToDictionary(f => f.Path, f => f.Version, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var seen = _versions.GetValueOrDefault(file.Path, -1);
            if (file.Error && (seen == -1 || seen == file.Version))
                Log.RuleFileFailed(logger, DisplayPath.Of(Path.Combine(catalog.Root, file.Path)), string.Join('\n', file.Diagnostics));
            else if (file.Version != seen)
                Log.RuleFileLoaded(logger, DisplayPath.Of(Path.Combine(catalog.Root, file.Path)), file.Version, file.Rules.Count);
        }

        foreach (var gone in _versions.Keys.Where(p => !versions.ContainsKey(p)))
            Log.RuleFileRemoved(logger, DisplayPath.Of(Path.Combine(catalog.Root, gone)));
        _versions = versions;
    }

    private void Mark(string? path, bool rescan = false)
    {
        if (path is null || !catalog.Ignores(path)) // .rulehost/ and the like: rewriting them must not rescan the rules
            _pending.Mark(path, rescan);
    }

    private FileSystemWatcher Watch(string root)
    {
        var watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Created += (_, e) => Mark(e.FullPath, rescan: Directory.Exists(e.FullPath));
        watcher.Changed += (_, e) => Mark(e.FullPath);
        watcher.Deleted += (_, e) => Mark(e.FullPath, rescan: !e.FullPath.EndsWith(".csx", StringComparison.Ordinal));
        watcher.Renamed += (_, e) =>
        {
            Mark(e.OldFullPath);
            Mark(e.FullPath, rescan: Directory.Exists(e.FullPath));
        };
        watcher.Error += (_, e) =>
        {
            Log.WatcherFailed(logger, root, e.GetException().Message);
            Mark(null, rescan: true);
        };
        watcher.EnableRaisingEvents = true;
        Log.Watching(logger, root);
        return watcher;
    }
}
