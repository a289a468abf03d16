using RuleHost.Engine.Evaluation;

namespace RuleHost.Engine.Tests.Evaluation;

public sealed class SlidingWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Counts_samples_and_hits()
    {
        var window = new SlidingWindow(TimeSpan.FromMinutes(1));

        window.Add(Start, hit: true, value: 2);
        window.Add(Start.AddSeconds(10), hit: false, value: 4);
        window.Add(Start.AddSeconds(20), hit: true, value: 6);

        Assert.That((window.Count, window.Hits, window.Mean), Is.EqualTo((3L, 2L, 4.0)));
        Assert.That(window.StandardDeviation, Is.EqualTo(Math.Sqrt(8.0 / 3)).Within(1e-12));
    }

    [Test]
    public void Drops_samples_once_they_leave_the_window()
    {
        var window = new SlidingWindow(TimeSpan.FromMinutes(1));
        window.Add(Start, hit: true);
        window.Add(Start.AddSeconds(30), hit: true);

        window.Add(Start.AddSeconds(70), hit: false);

        Assert.That((window.Count, window.Hits), Is.EqualTo((2L, 1L)));
    }

    [Test]
    public void Starts_empty_after_a_gap_longer_than_the_window()
    {
        var window = new SlidingWindow(TimeSpan.FromMinutes(1));
        window.Add(Start, hit: true, value: 100);

        window.Add(Start.AddHours(1), hit: false, value: 1);

        Assert.That((window.Count, window.Hits, window.Mean), Is.EqualTo((1L, 0L, 1.0)));
    }

    [Test]
    public void Counts_late_samples_inside_the_window_and_refuses_older_ones()
    {
        var window = new SlidingWindow(TimeSpan.FromMinutes(1));
        window.Add(Start.AddMinutes(5), hit: false);

        Assert.That(window.Add(Start.AddMinutes(4.5), hit: true), Is.True);
        Assert.That(window.Add(Start.AddMinutes(3), hit: true), Is.False);
        Assert.That((window.Count, window.Hits), Is.EqualTo((2L, 1L)));
    }

    [Test]
    public void Standard_deviation_needs_two_samples()
    {
        var window = new SlidingWindow(TimeSpan.FromMinutes(1));

        window.Add(Start, hit: false, value: 5);

        Assert.That(window.StandardDeviation, Is.Zero);
    }
}
