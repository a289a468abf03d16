using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RuleHost.Engine.Compilation;
using RuleHost.Engine.Hosting;

namespace RuleHost.Engine.Delivery;

/// <summary>TargetReloadService watches the configuration file and, after a short debounce, re-reads its targets: a good set replaces the old one, a bad one is logged and changes nothing.</summary>
/// <remarks>
/// The whole folder of the file is watched, not just its name: editors save through temp files and renames, and a
/// Kubernetes ConfigMap swaps a symlink beside it. Every event only marks a change (as for rules and plugins); once the
/// folder is quiet for ReloadDebounce the file is read, and it is looked at only if its bytes differ from the last read.
/// </remarks>
internal sealed class TargetReloadService(
    TargetCatalog catalog,
    TargetResilience resilience,
    DeliveryWorker worker,
    TimeProvider clock,
    IOptions<TargetFileOptions> file,
    IOptions<RuleHostOptions> options,
    ILogger<TargetReloadService> logger) : BackgroundService
{
    private readonly string? _path = file.Value.Path is { } path ? Path.GetFullPath(path) : null;
    private readonly PendingChanges _pending = new(clock);
    private readonly Lock _gate = new();
    private byte[]? _lastRead;
    private FileSystemWatcher? _watcher;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_path is not null && Path.GetDirectoryName(_path) is { } folder && Directory.Exists(folder))
            _watcher = Watch(folder);
        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _watcher?.Dispose();
        base.Dispose();
    }

    /// <summary>Reload reads the file now, even if it did not change (the reload endpoint), and reports what that did.</summary>
    public TargetReload Reload() =>
        _path is null ? TargetReload.Rejecting(["no configuration file was given (--config)"]) : ReloadFile(force: true)!;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_watcher is null)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            await _pending.WaitAsync(options.Value.ReloadDebounce, stoppingToken);
            try
            {
                ReloadFile(force: false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.TargetReloadFailed(logger, e);
            }
        }
    }

    /// <summary>ReloadFile re-reads the targets unless the file is byte for byte what was read last; null when it was.</summary>
    private TargetReload? ReloadFile(bool force)
    {
        lock (_gate)
        {
            var (bytes, problem) = TargetFile.Read(_path!);
            if (!force && _lastRead is not null && (bytes ?? []).AsSpan().SequenceEqual(_lastRead))
                return null; // a save that changed nothing, or a change beside the file
            _lastRead = bytes ?? [];
            var (configuration, invalid) = bytes is null ? (null, problem) : TargetFile.Parse(bytes);
            var reload = configuration is null ? TargetReload.Rejecting([invalid!]) : catalog.Reload(configuration);
            Apply(reload);
            return reload;
        }
    }

    /// <summary>Apply reports a reload; a target whose settings changed starts afresh: its circuit breaker is reset and its parked retries are due now.</summary>
    private void Apply(TargetReload reload)
    {
        var path = DisplayPath.Of(_path!);
        if (reload.Rejected)
        {
            Log.TargetsRejected(logger, path, string.Join('\n', reload.Problems));
            return;
        }

        if (!reload.AnyChange)
            return;
        Log.TargetsReloaded(logger, path, string.Join(", ", reload.Added), string.Join(", ", reload.Updated), string.Join(", ", reload.Removed));
        reload.Removed.ToList().ForEach(t => Log.TargetRemoved(logger, t));
        resilience.Forget([.. reload.Updated, .. reload.Removed]);
        worker.RetryNow(reload.Updated.ToHashSet(StringComparer.Ordinal));
    }

    private void Mark() => _pending.Mark(null);

    private FileSystemWatcher Watch(string folder)
    {
        var watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Created += (_, _) => Mark();
        watcher.Changed += (_, _) => Mark();
        watcher.Deleted += (_, _) => Mark();
        watcher.Renamed += (_, _) => Mark();
        watcher.Error += (_, e) =>
        {
            Log.TargetWatcherFailed(logger, _path!, e.GetException().Message);
            Mark();
        };
        watcher.EnableRaisingEvents = true;
        Log.WatchingTargets(logger, _path!);
        return watcher;
    }
}
