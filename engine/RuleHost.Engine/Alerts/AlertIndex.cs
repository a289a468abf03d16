using System.Collections.Concurrent;

namespace RuleHost.Engine.Alerts;

/// <summary>AlertIndex keeps the latest snapshot of every active alert, and recently resolved ones, for readers off the evaluation thread.</summary>
internal sealed class AlertIndex(int resolvedToKeep = AlertIndex.ResolvedToKeep) : IAlertObserver
{
    /// <summary>ResolvedToKeep is how many resolved alerts the API shows by default.</summary>
    public const int ResolvedToKeep = 10_000;

    private readonly ConcurrentDictionary<string, Alert> _alerts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _resolved = new();

    public void OnTransition(AlertTransition transition)
    {
        var alert = transition.Alert;
        if (alert.State == AlertState.Resolved && alert.FiredAt is null)
        {
            _alerts.TryRemove(alert.Fingerprint, out _); // pending that never fired: nothing to remember
            return;
        }

        _alerts[alert.Fingerprint] = alert;
        if (alert.State == AlertState.Resolved)
            ForgetOldResolved(alert.Fingerprint);
    }

    /// <summary>Restore fills the index with alerts saved by an earlier run, before any transition arrives.</summary>
    public void Restore(IEnumerable<Alert> alerts)
    {
        foreach (var alert in alerts.OrderBy(a => a.EndsAt ?? DateTimeOffset.MaxValue))
        {
            _alerts[alert.Fingerprint] = alert;
            if (alert.State == AlertState.Resolved)
                _resolved.Enqueue(alert.Fingerprint);
        }
    }

    public Alert? Find(string fingerprint) => _alerts.GetValueOrDefault(fingerprint);

    public IEnumerable<Alert> All => _alerts.Values;

    private void ForgetOldResolved(string fingerprint)
    {
        _resolved.Enqueue(fingerprint);
        while (_resolved.Count > resolvedToKeep && _resolved.TryDequeue(out var old))
        {
            if (_alerts.TryGetValue(old, out var a) && a.State == AlertState.Resolved)
                _alerts.TryRemove(old, out _);
        }
    }
}
