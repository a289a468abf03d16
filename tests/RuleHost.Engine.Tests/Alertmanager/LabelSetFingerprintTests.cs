using RuleHost.Engine.Alertmanager;
using RuleHost.Engine.Ingest;

namespace RuleHost.Engine.Tests.Alertmanager;

public sealed class LabelSetFingerprintTests
{
    // Vectors taken from a real Alertmanager 0.25.0 (Debian prometheus-alertmanager): each label set was POSTed to its
    // /api/v2/alerts and the fingerprint read back from GET /api/v2/alerts (2026-11-26). The host test
    // AlertmanagerFingerprintTests repeats the comparison against a live Alertmanager.
    private static readonly (Dictionary<string, string> Labels, string Fingerprint)[] FromAlertmanager =
    [
        (new() { ["alertname"] = "HighCpu", ["instance"] = "a", ["job"] = "b" }, "2bf70896d867ba17"),
        (new() { ["alertname"] = "X" }, "d2aeefc389ca7746"),
        (new() { ["alertname"] = "Ünïcødé", ["zone"] = "eu-west-1", ["severity"] = "critical" }, "073742ca6259a661"),
        (new() { ["alertname"] = "DiskFull", ["path"] = "/var/log", ["host"] = "db-1.example.com", ["quote"] = "say \"hi\", ok" }, "4259d9b156f9dfdf"),
        (new() { ["alertname"] = "Emoji", ["v"] = "🔥 fire" }, "95c73a31c41a414c"),
    ];

    [Test]
    public void Matches_the_fingerprints_Alertmanager_computes()
    {
        foreach (var (labels, expected) in FromAlertmanager)
        {
            var names = labels.Keys.Order(StringComparer.Ordinal).ToArray();
            Assert.That(LabelSetFingerprint.Of(labels, names), Is.EqualTo(expected), string.Join(",", labels));
        }
    }

    [Test]
    public void Validated_alerts_carry_the_label_set_fingerprint_whatever_the_order_of_the_labels()
    {
        var errors = new IngestErrorList(10);
        var items = new List<PostableAlert?>
        {
            new() { Labels = new() { ["job"] = "b", ["instance"] = "a", ["alertname"] = "HighCpu" } },
        };

        var alert = PostedAlertValidator.Validate(items, DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(5), errors).Single();

        Assert.That(alert.Fingerprint, Is.EqualTo("2bf70896d867ba17"));
    }
}
