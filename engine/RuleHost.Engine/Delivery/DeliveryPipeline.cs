using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RuleHost.Engine.Delivery;

/// <summary>DeliveryPipeline is the notification path from an alert change to the outbox; <see cref="Stages"/> is the whole path in one place.</summary>
/// <remarks>
/// One thread runs the stages over batches of changes (so the outbox writes many rows per transaction), and wakes for
/// the stages' timers (repeats, escalations, flood summaries) on the injected clock. The delivery worker takes it from there.
/// </remarks>
internal sealed class DeliveryPipeline(
    AlertNotifier entry,
    NoiseControlStage noise,
    MuteStage mute,
    FloodControlStage flood,
    RenderStage render,
    OutboxStage outbox,
    DeliveryMetrics metrics,
    TimeProvider clock,
    ILogger<DeliveryPipeline> logger) : BackgroundService
{
    private const int BatchSize = 4096;

    private long _overflowReported;

    /// <summary>Stages is the path after the entry: repeats and escalations, silences, flood control, rendering, the outbox (then the worker).</summary>
    private IDeliveryStage[] Stages => [noise, mute, flood, render, outbox];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stages = Stages;
        var changes = new List<NotifiableChange>(BatchSize);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Drain(changes);
                Run(stages, changes);
                if (changes.Count == 0)
                    await WaitAsync(stages, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Stopping: what the evaluation thread already handed over still reaches the outbox, to go out after the restart.
        for (Drain(changes); changes.Count > 0; Drain(changes))
            Run(stages, changes);
    }

    private void Drain(List<NotifiableChange> changes)
    {
        changes.Clear();
        while (changes.Count < BatchSize && entry.Changes.TryRead(out var change))
            changes.Add(change);
    }

    private void Run(IDeliveryStage[] stages, List<NotifiableChange> changes)
    {
        ReportOverflow();
        var now = clock.GetUtcNow();
        var batch = noise.Admit(changes, now);
        try
        {
            foreach (var stage in stages)
                batch = stage.Exec(batch, now);
        }
        catch (Exception e)
        {
            Log.PipelineFailed(logger, batch.Count, e);
        }

        entry.Persisted(changes.Count);
    }

    private async Task WaitAsync(IDeliveryStage[] stages, CancellationToken stoppingToken)
    {
        var due = stages.Select(s => s.NextDue).Min();
        if (due is null)
        {
            await entry.Changes.WaitToReadAsync(stoppingToken);
            return;
        }

        var wait = due.Value - clock.GetUtcNow();
        if (wait <= TimeSpan.Zero)
            return;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(entry.Changes.WaitToReadAsync(cancel.Token).AsTask(), Task.Delay(wait, clock, cancel.Token));
        await cancel.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    private void ReportOverflow()
    {
        var total = metrics.Overflow;
        if (total == _overflowReported)
            return;
        Log.Overflow(logger, total - _overflowReported);
        _overflowReported = total;
    }
}
