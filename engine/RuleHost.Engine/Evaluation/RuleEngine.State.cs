using RuleHost.Engine.Alerts;
using RuleHost.Engine.Rules;

namespace RuleHost.Engine.Evaluation;

// RuleEngine.State is the engine's side of persistence: which tracks changed, checkpoints, and taking over saved tracks after a restart.
internal sealed partial class RuleEngine
{
    // Persistence: tracks changed since the last checkpoint, keys forgotten, and saved tracks waiting for their rule.
    private List<(RuleIdentity Rule, AlertTrack Track)> _dirty = [];
    private List<(string Rule, string Key)> _forgotten = [];
    private Dictionary<string, List<TrackState>> _restoring = new(StringComparer.Ordinal);

    /// <summary>Touched notes a track that changed, for the next checkpoint.</summary>
    public void Touched(RuleEvaluator rule, AlertTrack track)
    {
        EnsureOwner();
        track.Dirty = true;
        _dirty.Add((rule.Identity, track));
    }

    /// <summary>Forgot notes a key the rule no longer remembers, so the state store drops it too.</summary>
    public void Forgot(RuleEvaluator rule, string key) => _forgotten.Add((rule.Spec.Name, key));

    /// <summary>Checkpoint takes what changed since the last one: the tracks to save and the keys to drop.</summary>
    public TrackCheckpoint Checkpoint()
    {
        var saved = new List<TrackState>(_dirty.Count);
        foreach (var (rule, track) in _dirty)
        {
            track.Dirty = false;
            saved.Add(track.Save(rule));
        }

        var checkpoint = new TrackCheckpoint(saved, _forgotten);
        _dirty = [];
        _forgotten = [];
        return checkpoint;
    }

    /// <summary>Restore hands the engine the tracks saved by an earlier run; each is taken over when its rule is applied.</summary>
    public void Restore(IEnumerable<TrackState> saved)
    {
        foreach (var group in saved.GroupBy(t => t.Rule, StringComparer.Ordinal))
        {
            if (group.Key == ExternalAlertEvaluator.Name)
                External.Restore(group); // posted alerts belong to no rule file: theirs is always here
            else
                _restoring[group.Key] = [.. group];
        }

        if (_byName.Count > 0)
            RestoreSaved(_byName.Values, Rules, Clock.GetUtcNow());
    }

    /// <summary>ResolveStale resolves alerts remembered as active that no rule holds any more (e.g. RuleQuarantined after a restart).</summary>
    public void ResolveStale(IEnumerable<Alert> active)
    {
        var now = Clock.GetUtcNow();
        foreach (var alert in active)
        {
            if (alert.IsActive && Owner(alert) is null && !_restoring.ContainsKey(alert.Rule))
                observer.OnTransition(new AlertTransition(alert with { State = AlertState.Resolved, EndsAt = now }, alert.State, Comment: "no rule holds it after the restart"));
        }
    }

    /// <summary>RestoreSaved gives rules their saved tracks; a saved alert whose rule is gone (not just failing to load) resolves.</summary>
    private void RestoreSaved(IEnumerable<RuleEvaluator> rules, RuleSet set, DateTimeOffset now)
    {
        if (_restoring.Count == 0)
            return;
        foreach (var rule in rules)
        {
            if (_restoring.Remove(rule.Spec.Name, out var saved))
                rule.Restore(saved.Where(t => t.Kind == rule.Spec.Kind));
        }

        var loadedFiles = set.Rules.Select(r => r.File).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, saved) in _restoring.ToList())
        {
            var file = saved[0].File;
            if (!loadedFiles.Contains(file) && File.Exists(file))
                continue; // its file is there but does not load (yet): keep waiting rather than resolve what may still be true
            _restoring.Remove(name);
            foreach (var track in saved.Where(t => t.State is not null))
                ResolveOrphan(track, now);
            _forgotten.AddRange(saved.Select(t => (t.Rule, t.Key)));
        }
    }

    private void ResolveOrphan(TrackState track, DateTimeOffset now) =>
        observer.OnTransition(new AlertTransition(SavedAlert(track) with { State = AlertState.Resolved, EndsAt = now }, track.State, Comment: "its rule no longer exists"));

    /// <summary>ActiveAlerts snapshots every active alert the engine holds, saved ones waiting for their rule included (to fill the alert index after a restart).</summary>
    public IEnumerable<Alert> ActiveAlerts()
    {
        var rules = _external is null ? _byName.Values : _byName.Values.Append(_external);
        foreach (var rule in rules)
        {
            foreach (var track in rule.ActiveTracks)
                yield return rule.Snapshot(track, null);
        }

        foreach (var track in _restoring.Values.SelectMany(t => t).Where(t => t.State is not null))
            yield return SavedAlert(track);
    }

    private static Alert SavedAlert(TrackState track) =>
        new()
        {
            Fingerprint = track.Fingerprint,
            Rule = track.Rule,
            Key = track.Key,
            Severity = track.Severity,
            Summary = track.Summary,
            Description = track.Description,
            Labels = track.Labels ?? new Dictionary<string, string>(),
            State = track.State ?? AlertState.Resolved,
            StartsAt = track.ActiveAt,
            FiredAt = track.FiredAt,
            Value = track.Value,
            AcknowledgedBy = track.AcknowledgedBy,
            AcknowledgedAt = track.AcknowledgedAt,
        };
}
