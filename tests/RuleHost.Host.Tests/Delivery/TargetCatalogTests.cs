using Microsoft.Extensions.Configuration;
using RuleHost.Engine.Delivery;
using RuleHost.Host.Tests.Delivery.Support;
using RuleHost.Notifications;

namespace RuleHost.Host.Tests.Delivery;

/// <summary>TargetCatalog.Reload: one swap for a good set, nothing for a bad one, and a sink instance per target kept, replaced or disposed.</summary>
public sealed class TargetCatalogTests
{
    private readonly CountingSinkPlugin _plugin = new();

    [Test]
    public void An_unchanged_target_keeps_its_sink_and_a_changed_one_gets_a_new_one_while_the_old_is_disposed()
    {
        using var catalog = Catalog(("a", "http://a.test/"), ("b", "http://b.test/"));
        var a = Sink(catalog, "a");
        var b = Sink(catalog, "b");
        var oldB = catalog.Find("b")!;

        var reload = catalog.Reload(Configuration(("a", "http://a.test/"), ("b", "http://b2.test/")));

        Assert.Multiple(() =>
        {
            Assert.That(reload.Rejected, Is.False);
            Assert.That(reload.Updated, Is.EqualTo(new[] { "b" }));
            Assert.That(reload.Added, Is.Empty);
            Assert.That(Sink(catalog, "a"), Is.SameAs(a), "unchanged: same instance");
            Assert.That(Sink(catalog, "b").Url, Is.EqualTo("http://b2.test/"));
            Assert.That(b.Disposed, Is.True, "the replaced instance is disposed");
            Assert.That(a.Disposed, Is.False);
            Assert.That(catalog.SinkFor(oldB)!.Value.Sink, Is.SameAs(Sink(catalog, "b")), "a notification holding the old target goes out with the new settings");
        });
    }

    [Test]
    public void A_rejected_reload_keeps_every_target_and_sink_and_disposes_what_it_made()
    {
        using var catalog = Catalog(("a", "http://a.test/"));
        var a = Sink(catalog, "a");
        var settings = new Dictionary<string, string?>
        {
            ["RuleHost:Targets:a:Sink"] = "counting",
            ["RuleHost:Targets:a:Url"] = "http://a2.test/",
            ["RuleHost:Targets:c:Sink"] = "nosuchsink",
            ["RuleHost:Targets:d:Sink"] = "counting",
            ["RuleHost:Targets:d:Url"] = "refused",
        };

        var reload = catalog.Reload(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        Assert.Multiple(() =>
        {
            Assert.That(reload.Problems, Is.EquivalentTo(new[]
            {
                "target 'c': no loaded plugin provides the sink 'nosuchsink'",
                "target 'd': the setting 'Url' must be an absolute http or https URL (was 'refused')",
            }));
            Assert.That(catalog.Find("a")!.Settings["Url"], Is.EqualTo("http://a.test/"));
            Assert.That(catalog.Find("c"), Is.Null);
            Assert.That(Sink(catalog, "a"), Is.SameAs(a));
            Assert.That(_plugin.Made.Where(s => s.Url == "http://a2.test/").Select(s => s.Disposed), Is.EqualTo(new[] { true }), "the sink made to check a's edit is disposed");
        });
    }

    [Test]
    public void A_removed_target_is_gone_and_its_sink_disposed()
    {
        using var catalog = Catalog(("a", "http://a.test/"), ("b", "http://b.test/"));
        var b = Sink(catalog, "b");

        var reload = catalog.Reload(Configuration(("a", "http://a.test/")));

        Assert.Multiple(() =>
        {
            Assert.That(reload.Removed, Is.EqualTo(new[] { "b" }));
            Assert.That(catalog.Find("b"), Is.Null);
            Assert.That(b.Disposed, Is.True);
        });
    }

    private TargetCatalog Catalog(params (string Name, string Url)[] targets) =>
        new(Configuration(targets), new TestSinks().Load(_plugin), new DeliveryOptions(), _ => null, TimeProvider.System);

    private static IConfiguration Configuration(params (string Name, string Url)[] targets) =>
        new ConfigurationBuilder().AddInMemoryCollection(targets.SelectMany(t => new[]
        {
            KeyValuePair.Create($"RuleHost:Targets:{t.Name}:Sink", (string?)"counting"),
            KeyValuePair.Create($"RuleHost:Targets:{t.Name}:Url", (string?)t.Url),
        })).Build();

    private static CountingSink Sink(TargetCatalog catalog, string target) => (CountingSink)catalog.SinkFor(catalog.Find(target)!)!.Value.Sink;

    /// <summary>CountingSinkPlugin ("counting") keeps every sink it made; like the HTTP sinks, it refuses a Url that is not absolute http(s).</summary>
    private sealed class CountingSinkPlugin : ISinkPlugin
    {
        public List<CountingSink> Made { get; } = [];

        public string Name => "counting";

        public string DefaultTemplate => "";

        public string ContentType => "application/json";

        public INotificationSink Create(SinkSettings settings)
        {
            var sink = new CountingSink(settings.HttpUrl().ToString());
            Made.Add(sink);
            return sink;
        }
    }

    private sealed class CountingSink(string url) : INotificationSink, IDisposable
    {
        public string Url { get; } = url;

        public bool Disposed { get; private set; }

        public ValueTask<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken) => ValueTask.FromResult(DeliveryResult.Delivered(200));

        public void Dispose() => Disposed = true;
    }
}
