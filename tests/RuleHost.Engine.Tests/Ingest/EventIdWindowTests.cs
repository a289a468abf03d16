using Microsoft.Extensions.Time.Testing;
using RuleHost.Engine.Ingest;

namespace RuleHost.Engine.Tests.Ingest;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class EventIdWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);

    [Test]
    public void An_id_seen_within_the_window_is_dropped_and_counted()
    {
        var window = new EventIdWindow(_clock);
        window.Admit(Events("a", "b"), [0, 1]);
        _clock.Advance(TimeSpan.FromMinutes(9));

        var again = window.Admit(Events("b", "c"), [0, 1]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.Events.Select(e => e.Id), Is.EqualTo(new[] { "c" }));
            Assert.That(again.Duplicates, Is.EqualTo(1));
        }
    }

    [Test]
    public void A_repeat_inside_one_request_counts_as_a_duplicate()
    {
        var admitted = new EventIdWindow(_clock).Admit(Events("a", "a", "b"), [0, 1, 2]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(admitted.Events.Select(e => e.Id), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(admitted.Duplicates, Is.EqualTo(1));
        }
    }

    [Test]
    public void Events_without_a_client_id_are_never_checked()
    {
        var window = new EventIdWindow(_clock);
        var events = Events("gen-1", "gen-1");

        var admitted = window.Admit(events, []);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(admitted.Events, Is.SameAs(events));
            Assert.That(window.Count, Is.Zero);
        }
    }

    [Test]
    public void After_the_window_an_id_is_forgotten_and_admitted_again()
    {
        var window = new EventIdWindow(_clock);
        window.Admit(Events("a"), [0]);
        _clock.Advance(EventIdWindow.Window + TimeSpan.FromSeconds(11));

        var again = window.Admit(Events("a"), [0]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.Duplicates, Is.Zero);
            Assert.That(window.Count, Is.EqualTo(1));
        }
    }

    [Test]
    public void Past_capacity_the_oldest_buckets_are_forgotten_first()
    {
        var window = new EventIdWindow(_clock, capacity: 3);
        window.Admit(Events("old1", "old2"), [0, 1]);
        _clock.Advance(TimeSpan.FromMinutes(1));
        window.Admit(Events("new1", "new2"), [0, 1]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(window.Count, Is.EqualTo(2));
            Assert.That(window.Admit(Events("new1", "old1"), [0, 1]).Events.Select(e => e.Id), Is.EqualTo(new[] { "old1" }));
        }
    }

    [Test]
    public void The_parser_marks_only_events_that_carried_an_id()
    {
        var parsed = new EventParser(_clock).Parse("""[{"service":"a","id":"x"},{"service":"b"},{"service":"c","id":"y"}]"""u8);

        Assert.That(parsed.ClientIds, Is.EqualTo(new[] { 0, 2 }));
    }

    private static Event[] Events(params string[] ids) => [.. ids.Select(id => new Event { Id = id, Service = "svc" })];
}
