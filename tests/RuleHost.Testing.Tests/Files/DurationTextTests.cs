using RuleHost.Testing.Files;

namespace RuleHost.Testing.Tests.Files;

public sealed class DurationTextTests
{
    [TestCase("500ms", 0.5)]
    [TestCase("30s", 30)]
    [TestCase("5m", 300)]
    [TestCase("1h30m", 5400)]
    [TestCase("2d", 172800)]
    [TestCase("1.5s", 1.5)]
    public void Reads_prometheus_durations(string text, double seconds)
    {
        Assert.That(DurationText.Parse(text, "at"), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase("")]
    [TestCase("5")]
    [TestCase("5q")]
    public void Names_the_field_of_a_bad_duration(string text)
    {
        Assert.That(() => DurationText.Parse(text, "expect[0].at"), Throws.TypeOf<RuleTestFormatException>().With.Message.StartsWith("expect[0].at"));
    }
}
