using RuleHost.Engine.Alertmanager;
using RuleHost.Engine.Ingest;

namespace RuleHost.Engine.Tests.Alertmanager;

public sealed class PostedAlertValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromMinutes(5);

    [Test]
    public void Rule_is_the_alertname_and_key_the_other_labels_sorted_by_name()
    {
        var alert = One(new PostableAlert { Labels = new() { ["job"] = "api", ["alertname"] = "HighCpu", ["instance"] = "web-1:9100" } });

        Assert.That(alert.Rule, Is.EqualTo("HighCpu"));
        Assert.That(alert.Key, Is.EqualTo("instance=web-1:9100,job=api"));
    }

    [Test]
    public void Labels_with_empty_values_are_dropped_as_Alertmanager_does()
    {
        var alert = One(new PostableAlert { Labels = new() { ["alertname"] = "A", ["job"] = "", ["zone"] = "eu" } });

        Assert.That(alert.Key, Is.EqualTo("zone=eu"));
        Assert.That(alert.Labels.Keys, Is.EquivalentTo(new[] { "alertname", "zone" }));
    }

    [Test]
    public void An_alertname_alone_gives_an_empty_key()
    {
        Assert.That(One(new PostableAlert { Labels = new() { ["alertname"] = "Watchdog" } }).Key, Is.Empty);
    }

    [Test]
    public void Missing_times_default_like_Alertmanager()
    {
        var alert = One(new PostableAlert { Labels = new() { ["alertname"] = "A" } });

        Assert.That(alert.StartsAt, Is.EqualTo(Now));
        Assert.That(alert.EndsAt, Is.EqualTo(Now + ResolveTimeout));
        Assert.That(alert.EndsAtDefaulted, Is.True);
    }

    [Test]
    public void Without_startsAt_an_alert_with_an_end_starts_at_its_end()
    {
        var ends = Now.AddMinutes(-1);
        var alert = One(new PostableAlert { Labels = new() { ["alertname"] = "A" }, EndsAt = ends });

        Assert.That(alert.StartsAt, Is.EqualTo(ends));
        Assert.That(alert.EndsAtDefaulted, Is.False);
    }

    [Test]
    public void Go_zero_times_count_as_not_set()
    {
        var zero = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var alert = One(new PostableAlert { Labels = new() { ["alertname"] = "A" }, StartsAt = zero, EndsAt = zero });

        Assert.That(alert.StartsAt, Is.EqualTo(Now));
        Assert.That(alert.EndsAt, Is.EqualTo(Now + ResolveTimeout));
    }

    [Test]
    public void Presentation_comes_from_annotations_and_severity_from_its_label()
    {
        var alert = One(new PostableAlert
        {
            Labels = new() { ["alertname"] = "A", ["severity"] = "Critical" },
            Annotations = new() { ["summary"] = "disk full", ["description"] = "95% used", ["runbook_url"] = "https://runbooks/disk" },
        });

        Assert.That(alert.Summary, Is.EqualTo("disk full"));
        Assert.That(alert.Description, Is.EqualTo("95% used"));
        Assert.That(alert.Runbook, Is.EqualTo("https://runbooks/disk"));
        Assert.That(alert.Severity, Is.EqualTo(Severity.Critical));
    }

    [Test]
    public void Summary_falls_back_to_description_then_alertname_and_severity_to_warning()
    {
        var described = One(new PostableAlert { Labels = new() { ["alertname"] = "A" }, Annotations = new() { ["description"] = "why" } });
        var bare = One(new PostableAlert { Labels = new() { ["alertname"] = "A", ["severity"] = "page" } });

        Assert.That(described.Summary, Is.EqualTo("why"));
        Assert.That(bare.Summary, Is.EqualTo("A"));
        Assert.That(bare.Severity, Is.EqualTo(Severity.Warning));
    }

    [Test]
    public void Every_bad_item_is_named_with_its_field_and_nothing_is_returned_for_them()
    {
        var errors = new IngestErrorList(100);
        var items = new List<PostableAlert?>
        {
            new() { Labels = new() { ["alertname"] = "ok" } },
            new() { Annotations = new() { ["summary"] = "no labels" } },
            new() { Labels = new() { ["job"] = "x" } },
            new() { Labels = new() { ["alertname"] = "A", ["bad-name"] = "x" } },
            new() { Labels = new() { ["alertname"] = "A" }, StartsAt = Now, EndsAt = Now.AddSeconds(-1) },
            null,
        };

        var alerts = PostedAlertValidator.Validate(items, Now, ResolveTimeout, errors);

        Assert.That(alerts, Has.Count.EqualTo(1), "only the valid item; the caller refuses the batch on any error");
        Assert.That(errors.ToList().Select(e => (e.Item, e.Field)), Is.EqualTo(new (int, string?)[]
        {
            (1, "labels"), (2, "labels.alertname"), (3, "labels.bad-name"), (4, "endsAt"), (5, null),
        }));
    }

    [Test]
    public void An_empty_batch_is_an_error()
    {
        var errors = new IngestErrorList(10);
        PostedAlertValidator.Validate([], Now, ResolveTimeout, errors);
        Assert.That(errors.ToList().Single().Message, Does.Contain("no alerts"));
    }

    private static ExternalAlert One(PostableAlert item)
    {
        var errors = new IngestErrorList(10);
        var alerts = PostedAlertValidator.Validate([item], Now, ResolveTimeout, errors);
        Assert.That(errors.ToList(), Is.Empty);
        return alerts.Single();
    }
}
