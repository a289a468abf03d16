using RuleHost.Engine.Alerts;

namespace RuleHost.Engine.Tests.Alerts;

public sealed class AlertTransitionTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Firing_is_notifiable()
    {
        Assert.That(new AlertTransition(Alert(AlertState.Firing, firedAt: Start), AlertState.Pending).IsNotifiable, Is.True);
    }

    [Test]
    public void Pending_is_not_notifiable()
    {
        Assert.That(new AlertTransition(Alert(AlertState.Pending, firedAt: null), null).IsNotifiable, Is.False);
    }

    [Test]
    public void Resolve_of_a_fired_alert_is_notifiable()
    {
        Assert.That(new AlertTransition(Alert(AlertState.Resolved, firedAt: Start), AlertState.Firing).IsNotifiable, Is.True);
    }

    [Test]
    public void Resolve_of_an_alert_that_never_fired_is_silent()
    {
        Assert.That(new AlertTransition(Alert(AlertState.Resolved, firedAt: null), AlertState.Pending).IsNotifiable, Is.False);
    }

    private static Alert Alert(AlertState state, DateTimeOffset? firedAt) => new()
    {
        Fingerprint = Fingerprint.Of("HighCpu", "api"),
        Rule = "HighCpu",
        Key = "api",
        State = state,
        StartsAt = Start,
        FiredAt = firedAt,
    };
}
