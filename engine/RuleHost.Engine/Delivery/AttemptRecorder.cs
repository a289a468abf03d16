using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RuleHost.Engine.Delivery;

/// <summary>AttemptRecorder writes the audit trail and the outbox row changes behind the delivery workers, many per transaction.</summary>
/// <remarks>
/// Writing behind is safe for at-least-once: until a delivered row's delete is committed the row is still pending, so
/// a crash in between sends it again (same id) rather than losing it.
/// </remarks>
internal sealed class AttemptRecorder(OutboxStore store, DeliveryMetrics metrics, ILogger<AttemptRecorder> logger) : BackgroundService
{
    private const int BatchSize = 8192;

    private readonly Channel<OutboxChange> _changes = Channel.CreateUnbounded<OutboxChange>(new UnboundedChannelOptions { SingleReader = true });

    public void Muted(Outgoing item, DateTimeOffset now) =>
        Write(new OutboxChange(new AttemptRecord(item.Id, item.Alert.Fingerprint, item.Target, item.Kind, 0, now, null, null, "muted by a silence", AttemptRecord.Muted), 0, OutboxRowChange.None));

    public void Write(OutboxChange change)
    {
        if (change.Record is { } record)
            metrics.Record(record);
        if (change.Row is OutboxRowChange.Delete or OutboxRowChange.Dead)
            metrics.Removed();
        _changes.Writer.TryWrite(change);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<OutboxChange>(BatchSize);
        try
        {
            while (await _changes.Reader.WaitToReadAsync(stoppingToken))
                Flush(batch);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: what was already handed over is still written below
        }

        _changes.Writer.TryComplete();
        while (Flush(batch) > 0)
        {
        }
    }

    private int Flush(List<OutboxChange> batch)
    {
        batch.Clear();
        while (batch.Count < BatchSize && _changes.Reader.TryRead(out var change))
            batch.Add(change);
        if (batch.Count == 0)
            return 0;
        try
        {
            store.Apply(batch);
        }
        catch (Exception e)
        {
            // The rows stay pending: a restart resends them, so a failed audit write costs a duplicate, never a loss.
            Log.RecordingFailed(logger, batch.Count, e);
        }

        return batch.Count;
    }
}
