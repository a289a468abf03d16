using Microsoft.Extensions.Logging;
using RuleHost.Engine.Storage;

namespace RuleHost.Engine.Delivery;

/// <summary>OutboxStage writes the batch to the outbox in one transaction, and only then hands it to the delivery worker.</summary>
internal sealed class OutboxStage(OutboxStore store, DeliveryWorker worker, DeliveryMetrics metrics, ILogger<OutboxStage> logger) : IDeliveryStage
{
    public DateTimeOffset? NextDue => null;

    public List<Outgoing> Exec(List<Outgoing> batch, DateTimeOffset now)
    {
        if (batch.Count == 0)
            return batch;
        Persist(batch);
        metrics.Added(batch.Count);
        worker.Dispatch(batch);
        return batch;
    }

    /// <summary>Persist insists: nothing is sent that is not durable, and a failing disk holds the pipeline back rather than losing the batch.</summary>
    private void Persist(List<Outgoing> batch) =>
        Insist.Write(() => store.Insert(batch), e => Log.OutboxWriteFailed(logger, batch.Count, e));
}
