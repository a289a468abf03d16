using RuleHost.Engine.Alerts;

namespace RuleHost.Engine.Tests.Alerts;

public sealed class AlertIndexTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Keeps_the_latest_snapshot_of_an_alert()
    {
        var index = new AlertIndex();
        index.OnTransition(new AlertTransition(Alert("api", AlertState.Pending), null));

        index.OnTransition(new AlertTransition(Alert("api", AlertState.Firing, fired: true), AlertState.Pending));

        Assert.That(index.Find(Fingerprint.Of("HighCpu", "api"))?.State, Is.EqualTo(AlertState.Firing));
        Assert.That(index.All.Count(), Is.EqualTo(1));
    }

    [Test]
    public void Forgets_a_pending_alert_that_resolved_without_firing()
    {
        var index = new AlertIndex();
        index.OnTransition(new AlertTransition(Alert("api", AlertState.Pending), null));

        index.OnTransition(new AlertTransition(Alert("api", AlertState.Resolved), AlertState.Pending));

        Assert.That(index.All, Is.Empty);
    }

    [Test]
    public void Remembers_a_bounded_number_of_resolved_alerts()
    {
        var index = new AlertIndex(resolvedToKeep: 2);

        foreach (var key in new[] { "a", "b", "c" })
            index.OnTransition(new AlertTransition(Alert(key, AlertState.Resolved, fired: true), AlertState.Firing));

        Assert.That(index.All.Select(a => a.Key), Is.EquivalentTo(new[] { "b", "c" }));
    }

    private static Alert Alert(string key, AlertState state, bool fired = false) => new()
    {
        Fingerprint = Fingerprint.Of("HighCpu", key),
        Rule = "HighCpu",
        Key = key,
        State = state,
        StartsAt = Start,
        FiredAt = fired ? Start : null,
    };
}
