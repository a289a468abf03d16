using RuleHost.Engine.Alertmanager;
using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Ingest;
using RuleHost.Engine.Tests.Support;
using static RuleHost.Engine.Tests.Support.Time;

namespace RuleHost.Engine.Tests.Evaluation;

public sealed class ExternalAlertEvaluatorTests
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromMinutes(5);

    [Test]
    public void A_posted_alert_fires_at_once_as_its_alertname_with_the_label_set_fingerprint()
    {
        using var h = new EngineHarness();

        Post(h, Seconds(0), Labels("alertname=HighCpu", "instance=a", "job=b"));

        var fired = h.Last("HighCpu", "instance=a,job=b").Alert;
        Assert.That(fired.State, Is.EqualTo(AlertState.Firing));
        Assert.That(fired.Fingerprint, Is.EqualTo("2bf70896d867ba17"));
        Assert.That(fired.StartsAt, Is.EqualTo(At(Seconds(0))));
        Assert.That(fired.Labels["job"], Is.EqualTo("b"));
        Assert.That(fired.Targets, Is.Empty, "routed by Route like a rule without NotifyTo");
    }

    [Test]
    public void Resolves_on_tick_once_its_end_passed_without_a_repost()
    {
        using var h = new EngineHarness();
        Post(h, Seconds(0), Labels("alertname=A"));

        h.AdvanceTo(Minutes(4));
        Assert.That(h.History("A"), Is.EqualTo(new[] { "Firing" }));

        h.AdvanceTo(Minutes(6));
        Assert.That(h.History("A"), Is.EqualTo(new[] { "Firing", "Resolved" }));
        Assert.That(h.Last("A").Alert.EndsAt, Is.EqualTo(At(Minutes(5))), "ends when it expired, not when the tick noticed");
    }

    [Test]
    public void Reposting_keeps_it_alive_without_notifying_again()
    {
        using var h = new EngineHarness();
        Post(h, Seconds(0), Labels("alertname=A"));
        Post(h, Minutes(4), Labels("alertname=A"));

        h.AdvanceTo(Minutes(8));
        Assert.That(h.History("A"), Is.EqualTo(new[] { "Firing" }));

        h.AdvanceTo(Minutes(9));
        Assert.That(h.History("A"), Is.EqualTo(new[] { "Firing", "Resolved" }));
        Assert.That(h.Last("A").Alert.StartsAt, Is.EqualTo(At(Seconds(0))), "a re-post keeps the first start");
    }

    [Test]
    public void An_end_in_the_past_resolves_it_at_that_end()
    {
        using var h = new EngineHarness();
        Post(h, Seconds(0), Labels("alertname=A", "job=x"));

        Post(h, Minutes(1), Labels("alertname=A", "job=x"), endsAt: At(Seconds(50)));

        Assert.That(h.History("A", "job=x"), Is.EqualTo(new[] { "Firing", "Resolved" }));
        Assert.That(h.Last("A", "job=x").Alert.EndsAt, Is.EqualTo(At(Seconds(50))));
    }

    [Test]
    public void An_alert_posted_later_with_a_sooner_end_resolves_at_its_own_end()
    {
        using var h = new EngineHarness();
        Post(h, Seconds(0), Labels("alertname=A"));
        h.AdvanceTo(Minutes(1)); // a tick that found nothing due before A's end at 5 min

        Post(h, Minutes(2), Labels("alertname=B"), endsAt: At(Minutes(3)));
        h.AdvanceTo(Minutes(4));

        Assert.That(h.History("B"), Is.EqualTo(new[] { "Firing", "Resolved" }));
        Assert.That(h.History("A"), Is.EqualTo(new[] { "Firing" }));
    }

    [Test]
    public void A_restored_alert_resolves_when_its_end_passes()
    {
        IReadOnlyList<TrackState> saved;
        using (var before = new EngineHarness())
        {
            Post(before, Seconds(0), Labels("alertname=A"));
            saved = before.Engine.Checkpoint().Saved;
        }

        using var after = EngineHarness.Restarted("", saved, At(Minutes(1)));
        after.AdvanceTo(Minutes(2));
        Assert.That(after.History("A"), Is.Empty, "not due yet");

        after.AdvanceTo(Minutes(6));
        Assert.That(after.History("A"), Is.EqualTo(new[] { "Resolved" }));
    }

    [Test]
    public void A_resolved_alert_never_seen_changes_nothing()
    {
        using var h = new EngineHarness();
        Post(h, Minutes(1), Labels("alertname=A"), endsAt: At(Seconds(30)));
        Assert.That(h.Transitions, Is.Empty);
    }

    [Test]
    public void An_explicit_later_end_is_not_shortened_by_a_repost_without_end()
    {
        using var h = new EngineHarness();
        Post(h, Seconds(0), Labels("alertname=A"), endsAt: At(Minutes(30)));
        Post(h, Minutes(1), Labels("alertname=A"));

        h.AdvanceTo(Minutes(10));
        Assert.That(h.History("A"), Is.EqualTo(new[] { "Firing" }));
    }

    [Test]
    public void Survives_a_rule_set_swap()
    {
        using var h = EngineHarness.With("""Rule("Other").Match(e => e.Metric == "cpu").When(e => e.Value > 1);""");
        Post(h, Seconds(0), Labels("alertname=A"));

        h.Edit("rules.csx", """Rule("Renamed").Match(e => e.Metric == "cpu").When(e => e.Value > 1);""");

        Assert.That(h.History("A"), Is.EqualTo(new[] { "Firing" }));
        Assert.That(h.Engine.External.Views().Select(v => v.Alert.Rule), Is.EqualTo(new[] { "A" }));
    }

    [Test]
    public void Distinct_label_sets_are_distinct_alerts_even_with_the_same_key()
    {
        using var h = new EngineHarness();
        Post(h, Seconds(0), Labels("alertname=A", "job=x"), Labels("alertname=B", "job=x"));

        Assert.That(h.Engine.External.Views().Select(v => v.Alert.Rule).Order(), Is.EqualTo(new[] { "A", "B" }));
    }

    private static Dictionary<string, string> Labels(params string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    private static void Post(EngineHarness h, TimeSpan offset, params Dictionary<string, string>[] labelSets) =>
        Post(h, offset, null, labelSets);

    private static void Post(EngineHarness h, TimeSpan offset, Dictionary<string, string> labels, DateTimeOffset? endsAt) =>
        Post(h, offset, endsAt, [labels]);

    private static void Post(EngineHarness h, TimeSpan offset, DateTimeOffset? endsAt, Dictionary<string, string>[] labelSets)
    {
        h.Clock.SetUtcNow(At(offset));
        var now = h.Clock.GetUtcNow();
        var errors = new IngestErrorList(10);
        var items = labelSets.Select(l => (PostableAlert?)new PostableAlert { Labels = l, EndsAt = endsAt }).ToList();
        var alerts = PostedAlertValidator.Validate(items, now, ResolveTimeout, errors);
        Assert.That(errors.ToList(), Is.Empty);
        h.Engine.External.Post(alerts, now);
    }
}
