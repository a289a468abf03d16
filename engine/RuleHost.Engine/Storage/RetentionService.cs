using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RuleHost.Engine.Hosting;

namespace RuleHost.Engine.Storage;

/// <summary>RetentionService prunes what ages out (audit trail, dead letters, alert history) in the background: shortly after start, then hourly.</summary>
internal sealed class RetentionService(IEnumerable<TableRetention> retentions, TimeProvider clock, ILogger<RetentionService> logger) : BackgroundService
{
    /// <summary>FirstRun leaves start-up (restoring state, resuming the outbox) alone, and still prunes a host that restarts often.</summary>
    public static readonly TimeSpan FirstRun = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private Task _firstRun = Task.CompletedTask;
    private PeriodicTimer? _hourly;

    /// <summary>StartAsync starts the schedule's clock here: ExecuteAsync gets a thread of its own only later.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Both made now, so the first run is a minute after start and the hourly runs keep their schedule however long one run takes.
        _firstRun = Task.Delay(FirstRun, clock, CancellationToken.None);
        _hourly = new PeriodicTimer(Interval, clock);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var hourly = _hourly!;
        try
        {
            await _firstRun.WaitAsync(stoppingToken);
            do
            {
                PruneAll(stoppingToken);
            }
            while (await hourly.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: a run cut short between two batches goes on at the next start
        }
    }

    private void PruneAll(CancellationToken stoppingToken)
    {
        foreach (var retention in retentions)
        {
            try
            {
                var pruned = retention.Prune(clock.GetUtcNow(), stoppingToken);
                if (pruned > 0)
                    Log.Pruned(logger, pruned, retention.Table.Name, retention.Retention);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A locked or full disk costs one run; the host goes on and the next run catches up.
                Log.PruneFailed(logger, retention.Table.Name, e);
            }
        }
    }
}
