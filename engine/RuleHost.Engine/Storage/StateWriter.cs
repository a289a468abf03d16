using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Hosting;

namespace RuleHost.Engine.Storage;

/// <summary>StateWriter saves alert transitions and track checkpoints off the evaluation thread, many per transaction.</summary>
/// <remarks>
/// Everything waiting when the writer wakes goes into one transaction, so the commit rate adapts to the load: one
/// change commits within about a millisecond, a burst of thousands commits as a handful of transactions. On a
/// graceful stop it drains what is queued after the evaluation loop's final checkpoint.
/// </remarks>
internal sealed class StateWriter(IStateStore store, EventJournal journal, IEnumerable<ICheckpointBarrier> barriers, TimeProvider clock, ILogger<StateWriter> logger) : BackgroundService, IAlertObserver
{
    private readonly Channel<object> _work = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>OnTransition queues a transition (called on the evaluation thread; never blocks).</summary>
    public void OnTransition(AlertTransition transition)
    {
        var alert = transition.Alert;
        var change = new AlertChange(alert.Fingerprint, alert.State, clock.GetUtcNow(), transition.By, transition.Comment);
        _work.Writer.TryWrite((change, alert));
    }

    /// <summary>Save queues a checkpoint of the engine's tracks.</summary>
    public void Save(TrackCheckpoint checkpoint) => _work.Writer.TryWrite(checkpoint);

    /// <summary>FlushAsync completes once everything queued before it is committed.</summary>
    public Task FlushAsync()
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_work.Writer.TryWrite(flushed))
            flushed.TrySetResult(); // stopped: nothing more will be written
        return flushed.Task;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _work.Writer.TryComplete();
        if (ExecuteTask is { } running)
            await running.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _work.Reader;
        var batch = new StateBatch();
        var flushed = new List<TaskCompletionSource>();
        while (await reader.WaitToReadAsync(CancellationToken.None) || !batch.IsEmpty)
        {
            while (reader.TryRead(out var item))
                Add(batch, flushed, item);
            if (batch.JournalRecord is not null)
                await WaitForBarrierAsync(batch.BarrierMark);
            if (!Commit(batch))
            {
                // Keep the batch and fold newer changes into it: nothing is dropped while the disk is full or locked.
                await Task.Delay(RetryAfter, clock, CancellationToken.None);
                continue;
            }

            if (batch.JournalRecord is { } record)
                journal.Trim(record);
            batch = new StateBatch();
            flushed.ForEach(f => f.TrySetResult());
            flushed.Clear();
        }
    }

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BarrierTimeout = TimeSpan.FromSeconds(10);

    // At most one: the delivery pipeline's hand-off (none when the host runs without delivery).
    private readonly ICheckpointBarrier? _barrier = barriers.FirstOrDefault();

    /// <summary>WaitForBarrierAsync holds a checkpoint until the notifications it implies are in the outbox; a stuck pipeline is logged, not waited for forever.</summary>
    private async Task WaitForBarrierAsync(long mark)
    {
        if (_barrier is null)
            return;
        try
        {
            await _barrier.WaitAsync(mark, CancellationToken.None).WaitAsync(BarrierTimeout, clock);
        }
        catch (TimeoutException)
        {
            Log.CheckpointBarrierTimedOut(logger, (long)BarrierTimeout.TotalSeconds);
        }
    }

    private static void Add(StateBatch batch, List<TaskCompletionSource> flushed, object item)
    {
        switch (item)
        {
            case ValueTuple<AlertChange, Alert>(var change, var alert):
                batch.Add(change, alert);
                break;
            case TrackCheckpoint checkpoint:
                batch.Add(checkpoint);
                break;
            case TaskCompletionSource done:
                flushed.Add(done);
                break;
        }
    }

    private bool Commit(StateBatch batch)
    {
        if (batch.IsEmpty)
            return true;
        try
        {
            store.Write(batch);
            return true;
        }
        catch (Exception e)
        {
            Log.StateWriteFailed(logger, batch.Alerts.Count + batch.History.Count + batch.Tracks.Count, e);
            return false;
        }
    }
}
