using RuleHost.Engine.Alertmanager;
using RuleHost.Rules;

namespace RuleHost.Engine.Evaluation;

/// <summary>ExternalAlertEvaluator owns the alerts posted to <c>/api/v2/alerts</c>: one per engine, so they outlive rule-set swaps.</summary>
/// <remarks>
/// Its tracks are keyed by the Alertmanager fingerprint (not by Key: two alertnames may share the other labels),
/// and each carries its own rule name, the alertname. Transitions go through <see cref="RuleEngine.Changed"/> like
/// any rule's, so the alert index, routing, silences, the store and delivery treat them alike. A re-post of an
/// active alert refreshes it (a later end, new annotations) without a transition, so receivers hear nothing new.
/// </remarks>
internal sealed class ExternalAlertEvaluator(RuleEngine engine) : RuleEvaluator(new RuleSpec(Name, RuleKind.Threshold, "", 0), engine)
{
    /// <summary>Name is the evaluator's own name, in parentheses so that no rule file can define a rule that clashes with it.</summary>
    public const string Name = "(alertmanager)";

    public override bool NeedsTick => true;

    /// <summary>Evaluate never runs: this evaluator matches no events.</summary>
    public override void Evaluate(Event e)
    {
    }

    /// <summary>Post applies one posted batch, in order; <paramref name="now"/> is the host time the batch was accepted.</summary>
    public void Post(IReadOnlyList<ExternalAlert> alerts, DateTimeOffset now)
    {
        foreach (var alert in alerts)
            Apply(alert, now);
    }

    // The earliest end among the active alerts (or earlier): ticks before it look at nothing. Tens of thousands of
    // posted alerts were scanned on every tick before; in perf that was 1–3% of the host's CPU.
    private DateTimeOffset _nextEnd = DateTimeOffset.MinValue;

    /// <summary>Tick resolves every alert whose end passed without a re-post.</summary>
    public override void Tick(DateTimeOffset now)
    {
        if (now < _nextEnd)
            return;
        var next = DateTimeOffset.MaxValue;
        foreach (var track in Tracks.Values)
        {
            if (track is not ExternalAlertTrack { IsActive: true, EndsAt: { } ends } external)
                continue;
            if (ends <= now)
                Resolve(external, ends, null);
            else if (ends < next)
                next = ends;
        }

        _nextEnd = next;
    }

    public override void Restore(IEnumerable<TrackState> saved)
    {
        base.Restore(saved);
        _nextEnd = DateTimeOffset.MinValue;
    }

    /// <summary>Views copies every active alert for a reader off the evaluation thread.</summary>
    public List<ExternalAlertView> Views()
    {
        var views = new List<ExternalAlertView>();
        foreach (var track in Tracks.Values)
        {
            if (track is ExternalAlertTrack { IsActive: true } t)
                views.Add(new ExternalAlertView(Snapshot(t, null), t.Annotations, t.EndsAt ?? t.UpdatedAt, t.UpdatedAt, t.GeneratorUrl));
        }

        return views;
    }

    public override Alert Snapshot(AlertTrack track, DateTimeOffset? endsAt)
    {
        var t = (ExternalAlertTrack)track;
        return new Alert
        {
            Fingerprint = t.Fingerprint,
            Rule = t.Rule,
            Key = t.Key,
            State = t.State ?? AlertState.Resolved,
            Severity = t.Severity,
            Summary = t.Summary,
            Description = t.Description,
            Runbook = t.Runbook,
            Labels = t.Labels,
            StartsAt = t.ActiveAt,
            FiredAt = t.FiredAt,
            EndsAt = endsAt,
        };
    }

    protected override AlertTrack CreateTrack() => new ExternalAlertTrack();

    protected override string TrackKey(AlertTrack track) => track.Fingerprint;

    private void Apply(ExternalAlert alert, DateTimeOffset now)
    {
        var track = (ExternalAlertTrack?)Tracks.GetValueOrDefault(alert.Fingerprint);
        if (track is { Dirty: false })
            Engine.Touched(this, track); // a re-post changes its end without a transition: the next checkpoint saves it
        if (alert.EndsAt <= now)
        {
            // Already over: ends an active alert; one never seen (or long resolved) leaves nothing to do.
            if (track is { IsActive: true })
            {
                Refresh(track, alert, now);
                Resolve(track, alert.EndsAt, null);
            }

            return;
        }

        if (track is { IsActive: true })
        {
            Merge(track, alert, now);
            return;
        }

        track ??= NewTrack(alert);
        Refresh(track, alert, now);
        track.ActiveAt = alert.StartsAt;
        track.FiredAt = alert.StartsAt;
        EndAt(track, alert);
        track.State = AlertState.Firing; // no For: a posted alert is firing as soon as it arrives
        Engine.Changed(this, track, null, null);
    }

    /// <summary>Merge folds a re-post into an active alert as Alertmanager does: the earliest start, the newest end unless an explicit later one was given before.</summary>
    private void Merge(ExternalAlertTrack track, ExternalAlert alert, DateTimeOffset now)
    {
        Refresh(track, alert, now);
        if (alert.StartsAt < track.ActiveAt)
            track.ActiveAt = alert.StartsAt;
        if (track.EndsAt > alert.EndsAt && !track.EndsAtDefaulted)
            return;
        EndAt(track, alert);
    }

    /// <summary>EndAt sets when an active alert ends unless posted again, and brings the next tick's look forward if it is sooner.</summary>
    private void EndAt(ExternalAlertTrack track, ExternalAlert alert)
    {
        track.EndsAt = alert.EndsAt;
        track.EndsAtDefaulted = alert.EndsAtDefaulted;
        if (alert.EndsAt < _nextEnd)
            _nextEnd = alert.EndsAt;
    }

    private static void Refresh(ExternalAlertTrack track, ExternalAlert alert, DateTimeOffset now)
    {
        track.Severity = alert.Severity;
        track.Summary = alert.Summary;
        track.Description = alert.Description;
        track.Runbook = alert.Runbook;
        track.Labels = alert.Labels;
        track.Annotations = alert.Annotations;
        track.GeneratorUrl = alert.GeneratorUrl;
        track.UpdatedAt = now;
        track.LastMatchedHost = now;
    }

    private ExternalAlertTrack NewTrack(ExternalAlert alert)
    {
        var track = (ExternalAlertTrack)CreateTrack();
        track.Key = alert.Key;
        track.Fingerprint = alert.Fingerprint;
        track.Rule = alert.Rule;
        Tracks[alert.Fingerprint] = track;
        return track;
    }
}
