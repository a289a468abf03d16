using RuleHost.Engine.Tests.Support;
using static RuleHost.Engine.Tests.Support.Time;

namespace RuleHost.Engine.Tests.Evaluation;

public sealed class RateEvaluatorTests
{
    private const string Errors = """
        Rate("Errors")
            .Match(e => e.Metric == "http")
            .Count(e => e.Tags["status"].StartsWith("5"))
            .Over(TimeSpan.FromMinutes(5))
            .Above(0.5)
            .MinEvents(4)
            .KeyBy(e => e.Service);
        """;

    [Test]
    public void Fires_when_the_ratio_exceeds_Above_once_MinEvents_are_in_the_window()
    {
        using var h = EngineHarness.With(Errors);
        Request(h, Seconds(0), "500");
        Request(h, Seconds(10), "500");
        Request(h, Seconds(20), "200");
        Assert.That(h.Transitions, Is.Empty);

        Request(h, Seconds(30), "503");

        Assert.That(h.History("Errors", "api"), Is.EqualTo(new[] { "Firing" }));
        Assert.That(h.Last("Errors", "api").Alert.Value, Is.EqualTo(0.75));
    }

    [Test]
    public void Does_not_fire_before_MinEvents_however_high_the_ratio()
    {
        using var h = EngineHarness.With(Errors);

        Request(h, Seconds(0), "500");
        Request(h, Seconds(10), "500");
        Request(h, Seconds(20), "500");

        Assert.That(h.Transitions, Is.Empty);
    }

    [Test]
    public void Ratio_equal_to_Above_does_not_fire()
    {
        using var h = EngineHarness.With(Errors);

        Request(h, Seconds(0), "500");
        Request(h, Seconds(10), "200");
        Request(h, Seconds(20), "500");
        Request(h, Seconds(30), "200");

        Assert.That(h.Transitions, Is.Empty);
    }

    [Test]
    public void Resolves_when_the_ratio_drops_to_Above()
    {
        using var h = EngineHarness.With(Errors);
        for (var i = 0; i < 4; i++)
            Request(h, Seconds(i * 10), "500");

        Request(h, Seconds(40), "200"); // 4/5
        Request(h, Seconds(50), "200"); // 4/6
        Request(h, Seconds(60), "200"); // 4/7
        Assert.That(h.StateOf("Errors", "api"), Is.EqualTo(AlertState.Firing));

        Request(h, Seconds(70), "200"); // 4/8

        Assert.That(h.History("Errors", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));
        Assert.That(h.Last("Errors", "api").Alert.Value, Is.EqualTo(0.5));
    }

    [Test]
    public void Window_slides_in_event_time_and_forgets_old_events()
    {
        using var h = EngineHarness.With(Errors);
        Request(h, Seconds(0), "500");
        Request(h, Seconds(10), "500");
        Request(h, Seconds(20), "500");

        Request(h, Seconds(330), "200"); // the errors are more than five minutes older

        Assert.That(h.Transitions, Is.Empty);
    }

    [Test]
    public void Window_is_measured_on_event_time_not_on_the_host_clock()
    {
        using var h = EngineHarness.With(Errors);
        Request(h, Seconds(0), "500");
        Request(h, Seconds(10), "500");
        Request(h, Seconds(20), "500");
        h.AdvanceTo(Minutes(30));

        Request(h, Seconds(30), "500"); // the host clock moved on, the events did not

        Assert.That(h.History("Errors", "api"), Is.EqualTo(new[] { "Firing" }));
    }

    [Test]
    public void Events_older_than_the_window_are_ignored()
    {
        using var h = EngineHarness.With(Errors);
        Request(h, Seconds(360), "500");
        Request(h, Seconds(370), "500");
        Request(h, Seconds(380), "500");

        Request(h, Seconds(30), "500"); // late by more than the window

        Assert.That(h.Transitions, Is.Empty);
        Request(h, Seconds(390), "500");
        Assert.That(h.History("Errors", "api"), Is.EqualTo(new[] { "Firing" }));
        Assert.That(h.Last("Errors", "api").Alert.Value, Is.EqualTo(1));
    }

    [Test]
    public void Late_events_inside_the_window_count()
    {
        using var h = EngineHarness.With(Errors);
        Request(h, Seconds(100), "500");
        Request(h, Seconds(110), "500");
        Request(h, Seconds(120), "500");

        Request(h, Seconds(20), "500"); // late, still inside the window

        Assert.That(h.History("Errors", "api"), Is.EqualTo(new[] { "Firing" }));
    }

    [Test]
    public void Each_key_has_its_own_window()
    {
        using var h = EngineHarness.With(Errors);

        for (var i = 0; i < 4; i++)
        {
            Request(h, Seconds(i * 10), "500", service: "api");
            Request(h, Seconds(i * 10 + 5), "200", service: "db");
        }

        Assert.That(h.StateOf("Errors", "api"), Is.EqualTo(AlertState.Firing));
        Assert.That(h.StateOf("Errors", "db"), Is.Null);
    }

    private static void Request(EngineHarness h, TimeSpan at, string status, string service = "api") =>
        h.Send(at, service: service, metric: "http", tags: new() { ["status"] = status });
}
