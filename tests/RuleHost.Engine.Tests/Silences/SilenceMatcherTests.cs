using RuleHost.Engine.Silences;

namespace RuleHost.Engine.Tests.Silences;

public class SilenceMatcherTests
{
    private static readonly Alert Cpu = new()
    {
        Fingerprint = "f",
        Rule = "HighCpu",
        Key = "checkout",
        State = AlertState.Firing,
        StartsAt = DateTimeOffset.UnixEpoch,
        Labels = new Dictionary<string, string> { ["team"] = "payments", ["rule"] = "not-the-rule" },
    };

    [TestCase("rule", "HighCpu", ExpectedResult = true)]
    [TestCase("rule", "highcpu", ExpectedResult = false)]
    [TestCase("key", "checkout", ExpectedResult = true)]
    [TestCase("team", "payments", ExpectedResult = true)]
    [TestCase("team", "pay", ExpectedResult = false)]
    [TestCase("region", "", ExpectedResult = true)]
    [TestCase("region", "eu", ExpectedResult = false)]
    public bool Equality_compares_the_whole_value_and_a_missing_label_reads_as_empty(string name, string value) =>
        new SilenceMatcher(name, value).Matches(Cpu);

    [Test]
    public void Rule_and_key_name_the_alert_itself_even_when_a_label_has_that_name() =>
        Assert.That(new SilenceMatcher("rule", "HighCpu").Matches(Cpu), Is.True);

    [TestCase("High.*", ExpectedResult = true)]
    [TestCase("Cpu", ExpectedResult = false)]
    [TestCase("High", ExpectedResult = false)]
    [TestCase("HighCpu|DiskFull", ExpectedResult = true)]
    [TestCase("Disk|High.*", ExpectedResult = true)]
    public bool A_regex_must_match_the_whole_value_as_in_Alertmanager(string pattern) =>
        new SilenceMatcher("rule", pattern, isRegex: true).Matches(Cpu);

    [TestCase(false, "payments", ExpectedResult = false)]
    [TestCase(false, "search", ExpectedResult = true)]
    [TestCase(true, "pay.*", ExpectedResult = false)]
    [TestCase(true, "search|ops", ExpectedResult = true)]
    public bool A_negative_matcher_matches_what_the_positive_one_does_not(bool isRegex, string value) =>
        new SilenceMatcher("team", value, isRegex, isEqual: false).Matches(Cpu);

    [Test]
    public void A_catastrophic_regex_stops_at_the_timeout_and_does_not_silence()
    {
        var alert = Cpu with { Key = new string('a', 64) + "!" };
        var positive = new SilenceMatcher("key", "(a|aa)+", isRegex: true, matchTimeout: TimeSpan.FromMilliseconds(10));
        var negative = new SilenceMatcher("key", "(a|aa)+", isRegex: true, isEqual: false, matchTimeout: TimeSpan.FromMilliseconds(10));

        // A plain non-match would make the negative matcher match; only the timeout makes both decline.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(positive.Matches(alert), Is.False);
            Assert.That(negative.Matches(alert), Is.False);
        }
    }

    [Test]
    public void An_invalid_regex_is_refused_when_the_matcher_is_made() =>
        Assert.Throws<System.Text.RegularExpressions.RegexParseException>(() => _ = new SilenceMatcher("rule", "(unclosed", isRegex: true));
}
