using RuleHost.Engine.Alerts;

namespace RuleHost.Engine.Tests.Alerts;

public sealed class FingerprintTests
{
    [Test]
    public void Is_sixteen_hex_digits()
    {
        Assert.That(Fingerprint.Of("HighCpu", "api"), Does.Match("^[0-9a-f]{16}$"));
    }

    [Test]
    public void Is_stable_across_processes_and_versions()
    {
        // Receivers deduplicate on it (PagerDuty dedup_key, Opsgenie alias): changing it re-opens every open incident.
        Assert.That(Fingerprint.Of("HighCpu", "api"), Is.EqualTo(Golden));
    }

    [TestCase("HighCpu", "db")]
    [TestCase("HighCp", "uapi")]
    [TestCase("HighCpuapi", "")]
    [TestCase("highcpu", "api")]
    public void Differs_for_a_different_rule_or_key(string rule, string key)
    {
        Assert.That(Fingerprint.Of(rule, key), Is.Not.EqualTo(Fingerprint.Of("HighCpu", "api")));
    }

    [Test]
    public void Distinguishes_keys_beyond_latin_1()
    {
        Assert.That(Fingerprint.Of("HighCpu", "\u0101"), Is.Not.EqualTo(Fingerprint.Of("HighCpu", "\u0201")));
    }

    private const string Golden = "a7c12634d083a2de";
}
