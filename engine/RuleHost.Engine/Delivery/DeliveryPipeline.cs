using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RuleHost.Engine.Delivery;

/// <summary>DeliveryPipeline is the notification path from an alert change to the outbox; <see cref="Stages"/> is the whole path in one place.</summary>
/// <remarks>
/// One thread of its own runs the stages over batches of changes (so the outbox writes many rows per transaction), woken
/// directly by the entry and by the stages' timers (repeats, escalations, flood summaries) on the injected clock. The
/// delivery worker takes it from there: right after the outbox commit it starts the batch's sends in one pool work item.
/// </remarks>
internal sealed class DeliveryPipeline(
    AlertNotifier entry,
    NoiseControlStage noise,
    MuteStage mute,
    FloodControlStage flood,
    RenderStage render,
    OutboxStage outbox,
    TimerCheckpointStage timers,
    DeliveryMetrics metrics,
    TimeProvider clock,
    ILogger<DeliveryPipeline> logger) : BackgroundService
{
    private const int BatchSize = 4096;

    private long _overflowReported;

    /// <summary>Stages is the path after the entry: repeats and escalations, silences, flood control, rendering, the outbox (then the worker), and last the timers saved.</summary>
    private IDeliveryStage[] Stages => [noise, mute, flood, render, outbox, timers];

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                Loop(stoppingToken);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }) { IsBackground = true, Name = "rulehost-delivery" }.Start();
        return done.Task;
    }

    private void Loop(CancellationToken stoppingToken)
    {
        var stages = Stages;
        var changes = new List<NotifiableChange>(BatchSize);
        while (!stoppingToken.IsCancellationRequested)
        {
            entry.Ready.Reset(); // before looking: whatever arrives from here on sets it again
            noise.Resume(entry.TakeRestored()); // once, at start: before the drain, so any later change of a restored alert comes after it
            Drain(changes);
            Run(stages, changes);
            if (changes.Count == 0)
                Wait(stages, stoppingToken);
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

    /// <summary>Wait blocks the pipeline thread until changes arrive, the stages' next timer is due, or the host stops.</summary>
    private void Wait(IDeliveryStage[] stages, CancellationToken stoppingToken)
    {
        var due = stages.Select(s => s.NextDue).Min();
        entry.Ready.Wait(due is { } at ? at - clock.GetUtcNow() : Timeout.InfiniteTimeSpan, stoppingToken);
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
