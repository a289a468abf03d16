using RuleHost.Engine.Silences;

namespace RuleHost.Engine.Delivery;

/// <summary>MuteStage applies silences when a notification is made: a muted one is recorded in the audit trail as muted and goes no further.</summary>
/// <remarks>Test notifications are never muted: they exist to check the path to a target.</remarks>
internal sealed class MuteStage(IMuter muter, AttemptRecorder recorder) : IDeliveryStage
{
    public DateTimeOffset? NextDue => null;

    public List<Outgoing> Exec(List<Outgoing> batch, DateTimeOffset now)
    {
        var kept = new List<Outgoing>(batch.Count);
        foreach (var item in batch)
        {
            if (item.Kind != RuleHost.Notifications.NotificationKind.Test && muter.IsMuted(item.Alert, now))
                recorder.Muted(item, now);
            else
                kept.Add(item);
        }

        return kept;
    }
}
