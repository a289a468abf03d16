using RuleHost.Engine.Alerts;
using RuleHost.Engine.Evaluation;

namespace RuleHost.Engine.Storage;

/// <summary>StateBatch is one transaction's worth of changes, already coalesced: the latest alert per fingerprint, the latest track per key.</summary>
internal sealed class StateBatch
{
    public Dictionary<string, Alert> Alerts { get; } = new(StringComparer.Ordinal);

    /// <summary>Forget holds fingerprints of alerts nobody heard of (pending that never fired): they are deleted.</summary>
    public HashSet<string> ForgetAlerts { get; } = new(StringComparer.Ordinal);

    public List<AlertChange> History { get; } = [];

    /// <summary>Tracks maps rule and key to the track to save, or null to delete it.</summary>
    public Dictionary<(string Rule, string Key), TrackState?> Tracks { get; } = [];

    /// <summary>JournalRecord is the last journal record the saved tracks include; null when the batch holds no checkpoint.</summary>
    public long? JournalRecord { get; private set; }

    /// <summary>BarrierMark is what the checkpoint waits for (see <see cref="ICheckpointBarrier"/>).</summary>
    public long BarrierMark { get; private set; }

    public bool IsEmpty => Alerts.Count == 0 && ForgetAlerts.Count == 0 && History.Count == 0 && Tracks.Count == 0 && JournalRecord is null;

    public void Add(AlertChange change, Alert alert)
    {
        History.Add(change);
        if (alert.State == AlertState.Resolved && alert.FiredAt is null)
        {
            Alerts.Remove(alert.Fingerprint);
            ForgetAlerts.Add(alert.Fingerprint);
            return;
        }

        ForgetAlerts.Remove(alert.Fingerprint);
        Alerts[alert.Fingerprint] = alert;
    }

    public void Add(TrackCheckpoint checkpoint)
    {
        foreach (var track in checkpoint.Saved)
            Tracks[(track.Rule, track.Key)] = track;
        foreach (var forgotten in checkpoint.Forgotten)
            Tracks[forgotten] = null;
        JournalRecord = checkpoint.JournalRecord;
        BarrierMark = Math.Max(BarrierMark, checkpoint.BarrierMark);
    }
}
