using Microsoft.Extensions.Logging;
using RuleHost.Engine.Storage;

namespace RuleHost.Engine.Delivery;

/// <summary>TimerCheckpointStage is the last stage: once the batch is in the outbox, it saves what the batch changed in the timers of noise and flood control.</summary>
/// <remarks>
/// After the outbox, never before: a kill between the two writes makes those repeats, escalations or summaries again after
/// the restart (at least once, as everywhere on this path), where the other order could lose them. A batch that changed
/// no timer (no SuppressFor, EscalateTo or flood control involved) writes nothing here.
/// </remarks>
internal sealed class TimerCheckpointStage(NoiseControlStage noise, FloodControlStage flood, TimerStore store, ILogger<TimerCheckpointStage> logger) : IDeliveryStage
{
    public DateTimeOffset? NextDue => null;

    public List<Outgoing> Exec(List<Outgoing> batch, DateTimeOffset now)
    {
        if (!noise.HasChanges && !flood.HasChanges)
            return batch;
        var alerts = noise.TakeChanges();
        var (folded, summarised) = flood.TakeChanges();
        Persist(alerts, folded, summarised);
        return batch;
    }

    /// <summary>Persist insists, as the outbox stage does: a failing disk holds the pipeline back rather than forgetting a timer.</summary>
    private void Persist(List<(string Fingerprint, AlertTimers? Timers)> alerts, List<FoldedNotification> folded, List<(string Target, long UpTo)> summarised) =>
        Insist.Write(() => store.Save(alerts, folded, summarised), e => Log.TimersWriteFailed(logger, alerts.Count + folded.Count + summarised.Count, e));
}
