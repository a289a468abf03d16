using RuleHost.Engine.Tests.Support;
using static RuleHost.Engine.Tests.Support.Time;

namespace RuleHost.Engine.Tests.Evaluation;

public sealed class HeartbeatEvaluatorTests
{
    private const string ApiHeartbeat = """
        Heartbeat("ApiHeartbeat")
            .Match(e => e.Metric == "heartbeat")
            .KeyBy(e => e.Service)
            .MissingFor(TimeSpan.FromMinutes(5))
            .Summary(e => $"{e.Service} went quiet");
        """;

    [Test]
    public void Fires_on_tick_once_a_key_has_been_quiet_for_MissingFor()
    {
        using var h = EngineHarness.With(ApiHeartbeat);
        h.Send(Seconds(0), metric: "heartbeat");

        h.AdvanceTo(Minutes(4));
        Assert.That(h.Transitions, Is.Empty);

        h.AdvanceTo(Minutes(5));
        Assert.That(h.History("ApiHeartbeat", "api"), Is.EqualTo(new[] { "Firing" }));
        var fired = h.Last("ApiHeartbeat", "api").Alert;
        Assert.That(fired.StartsAt, Is.EqualTo(At(Minutes(5))));
        Assert.That(fired.Summary, Is.EqualTo("api went quiet"), "rendered from the last event heard");
    }

    [Test]
    public void Value_is_the_seconds_the_key_has_been_silent()
    {
        using var h = EngineHarness.With(ApiHeartbeat);
        h.Send(Seconds(30), metric: "heartbeat");

        h.AdvanceTo(Minutes(7));

        var fired = h.Last("ApiHeartbeat", "api").Alert;
        Assert.That(fired.Value, Is.EqualTo(390));
        Assert.That(fired.StartsAt, Is.EqualTo(At(Seconds(330))), "quiet since the deadline passed");
        Assert.That(fired.FiredAt, Is.EqualTo(At(Minutes(7))), "noticed on the tick");
    }

    [Test]
    public void Fires_once_per_silence()
    {
        using var h = EngineHarness.With(ApiHeartbeat);
        h.Send(Seconds(0), metric: "heartbeat");

        h.AdvanceTo(Minutes(5));
        h.AdvanceTo(Minutes(6));
        h.AdvanceTo(Minutes(20));

        Assert.That(h.History("ApiHeartbeat", "api"), Is.EqualTo(new[] { "Firing" }));
    }

    [Test]
    public void Resolves_on_the_next_event_of_the_key()
    {
        using var h = EngineHarness.With(ApiHeartbeat);
        h.Send(Seconds(0), metric: "heartbeat");
        h.AdvanceTo(Minutes(5));

        h.Send(Minutes(6), metric: "heartbeat");

        Assert.That(h.History("ApiHeartbeat", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));
        var resolved = h.Last("ApiHeartbeat", "api");
        Assert.That(resolved.Alert.EndsAt, Is.EqualTo(At(Minutes(6))));
        Assert.That(resolved.IsNotifiable, Is.True);
    }

    [Test]
    public void Watches_again_after_a_resolve()
    {
        using var h = EngineHarness.With(ApiHeartbeat);
        h.Send(Seconds(0), metric: "heartbeat");
        h.AdvanceTo(Minutes(5));
        h.Send(Minutes(6), metric: "heartbeat");

        h.AdvanceTo(Minutes(10));
        Assert.That(h.StateOf("ApiHeartbeat", "api"), Is.Null);
        h.AdvanceTo(Minutes(11));

        Assert.That(h.History("ApiHeartbeat", "api"), Is.EqualTo(new[] { "Firing", "Resolved", "Firing" }));
    }

    [Test]
    public void Events_keep_a_key_alive()
    {
        using var h = EngineHarness.With(ApiHeartbeat);

        for (var minute = 0; minute <= 20; minute += 4)
        {
            h.Send(Minutes(minute), metric: "heartbeat");
            h.AdvanceTo(Minutes(minute + 3));
        }

        Assert.That(h.Transitions, Is.Empty);
    }

    [Test]
    public void Key_never_seen_never_fires()
    {
        using var h = EngineHarness.With(ApiHeartbeat);
        h.Send(Seconds(0), service: "api", metric: "heartbeat");
        h.Send(Seconds(0), service: "db", metric: "cpu", value: 1); // not a heartbeat: db is never watched

        h.AdvanceTo(Minutes(30));

        Assert.That(h.Transitions.Select(t => t.Alert.Key), Is.EqualTo(new[] { "api" }));
    }

    [Test]
    public void Quiet_keys_fire_independently()
    {
        using var h = EngineHarness.With(ApiHeartbeat);
        h.Send(Seconds(0), service: "api", metric: "heartbeat");
        h.Send(Minutes(3), service: "db", metric: "heartbeat");

        h.AdvanceTo(Minutes(5));
        Assert.That(h.StateOf("ApiHeartbeat", "api"), Is.EqualTo(AlertState.Firing));
        Assert.That(h.StateOf("ApiHeartbeat", "db"), Is.Null);

        h.AdvanceTo(Minutes(8));
        Assert.That(h.StateOf("ApiHeartbeat", "db"), Is.EqualTo(AlertState.Firing));
    }
}
