using System.Text.Json.Nodes;
using RuleHost.Engine.Plugins;
using RuleHost.Host.Tests.Support;
using RuleHost.Notifications;

namespace RuleHost.Host.Tests.Plugins;

/// <summary>Plugins loaded, copied in, replaced, removed and broken under a running host's real folder watcher.</summary>
/// <remarks>A host per test, each watching its own temporary plugins folder; every wait polls GET /api/v1/plugins.</remarks>
public sealed class PluginHostTests
{
    private PluginFolders _folders = null!;
    private HostFixture _host = null!;

    [SetUp]
    public void MakeFolders() => _folders = new PluginFolders();

    [TearDown]
    public async Task StopHost()
    {
        if (_host is not null)
        {
            _host.ReportIfFailed();
            await _host.DisposeAsync();
            _host = null!;
        }

        _folders.Dispose();
    }

    [Test]
    public async Task Loads_the_first_party_plugins_the_build_deployed()
    {
        await StartAsync(PluginFolders.FirstParty);

        var list = await _host.WaitForAsync("/api/v1/plugins", l => l.AsArray().Count == 6, "the six first-party plugins");
        var plugins = list.AsArray().OfType<JsonObject>().ToList();

        Assert.That(plugins.Select(p => (string?)p["name"]), Is.EquivalentTo(new[] { "console", "opsgenie", "pagerduty", "slack", "teams", "webhook" }));
        Assert.That(plugins.Select(p => (string?)p["status"]), Is.All.EqualTo("loaded"));
        Assert.That(plugins.Select(p => p["sinks"]!.AsArray().Single()!.GetValue<string>()), Is.EquivalentTo(plugins.Select(p => (string?)p["name"])));
        Assert.That(plugins.Select(p => (string?)p["version"]), Is.All.Not.Empty);
        var catalog = _host.Service<PluginCatalog>();
        Assert.That(catalog.TryGetSink("webhook", out var webhook), Is.True);
        Assert.That(webhook!.DefaultTemplate, Does.StartWith("@model RuleHost.Notifications.NotificationModel"));
    }

    [Test]
    public async Task Sink_lookups_wait_for_the_plugins_present_at_start()
    {
        _folders.CopyIn(Path.Combine(PluginFolders.FirstParty, "slack"), "slack");
        await StartAsync(_folders.Plugins);

        // No polling here: the first lookup itself waits for the first pass over the folder.
        Assert.That(_host.Service<PluginCatalog>().TryGetSink("slack", out var slack), Is.True);
        Assert.That(slack!.Name, Is.EqualTo("slack"));
    }

    [Test]
    public async Task A_plugin_folder_copied_into_the_running_host_is_loaded()
    {
        await StartAsync(_folders.Plugins);
        Assert.That((await _host.GetJsonAsync("/api/v1/plugins")).AsArray(), Is.Empty);

        _folders.CopyIn(Path.Combine(PluginFolders.FirstParty, "webhook"), "webhook");

        var plugin = await WaitForPluginAsync("webhook", p => (string?)p["status"] == "loaded", "webhook to load");
        Assert.That(plugin["sinks"]!.AsArray().Select(s => (string?)s), Is.EqualTo(new[] { "webhook" }));
        Assert.That(_host.Service<PluginCatalog>().TryGetSink("webhook", out _), Is.True);
    }

    [Test]
    public async Task A_replaced_plugin_is_reloaded_and_the_catalog_serves_the_new_version()
    {
        TestPlugin.Write(Path.Combine(_folders.Staging, "v1", "greeter"), "greeter", "1.0.0");
        TestPlugin.Write(Path.Combine(_folders.Staging, "v2", "greeter"), "greeter", "2.0.0");
        _folders.CopyIn(Path.Combine(_folders.Staging, "v1", "greeter"), "greeter");
        await StartAsync(_folders.Plugins);
        var catalog = _host.Service<PluginCatalog>();
        await WaitForPluginAsync("greeter", p => (string?)p["version"] == "1.0.0", "version 1 to load");
        Assert.That(catalog.TryGetSink("greeter", out var first), Is.True);
        var generation = catalog.Generation;

        _folders.CopyIn(Path.Combine(_folders.Staging, "v2", "greeter"), "greeter");

        var plugin = await WaitForPluginAsync("greeter", p => (string?)p["version"] == "2.0.0", "version 2 to replace version 1");
        Assert.That((string?)plugin["status"], Is.EqualTo("loaded"));
        Assert.That((int)plugin["loads"]!, Is.EqualTo(2));
        Assert.That(catalog.Generation, Is.GreaterThan(generation));
        Assert.That(catalog.TryGetSink("greeter", out var second), Is.True);
        Assert.That(second, Is.Not.SameAs(first));
    }

    [Test]
    public async Task A_removed_plugin_is_unloaded()
    {
        var folder = _folders.CopyIn(Path.Combine(PluginFolders.FirstParty, "console"), "console");
        await StartAsync(_folders.Plugins);
        await WaitForPluginAsync("console", p => (string?)p["status"] == "loaded", "console to load");

        Directory.Delete(folder, recursive: true);

        await _host.WaitForAsync("/api/v1/plugins", list => list.AsArray().Count == 0, "console to be unloaded");
        Assert.That(_host.Service<PluginCatalog>().TryGetSink("console", out _), Is.False);
    }

    [Test]
    public async Task A_garbage_assembly_is_reported_as_failed_while_the_host_serves()
    {
        await StartAsync(_folders.Plugins);
        var broken = Path.Combine(_folders.Staging, "broken");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "broken.dll"), "this is not an assembly");

        _folders.CopyIn(broken, "broken");

        var plugin = await WaitForPluginAsync("broken", p => (string?)p["status"] == "failed", "broken to be reported");
        Assert.That((string?)plugin["error"], Does.Contain("broken.dll"));
        Assert.That(plugin["sinks"]!.AsArray(), Is.Empty);
        await _host.HealthAsync(); // insists on 200
        Assert.That(await _host.PostAcceptedAsync("""{"service":"api","metric":"cpu","value":1}"""), Is.EqualTo(1));
    }

    [Test]
    public async Task A_plugin_whose_constructor_throws_is_reported_as_failed()
    {
        TestPlugin.Write(Path.Combine(_folders.Plugins, "grumpy"), "grumpy", "1.0.0", constructor: "throw new InvalidOperationException(\"no mood today\");");

        await StartAsync(_folders.Plugins);

        var plugin = await WaitForPluginAsync("grumpy", p => (string?)p["status"] == "failed", "grumpy to be reported");
        Assert.That((string?)plugin["error"], Does.Contain("no mood today"));
        Assert.That(_host.Service<PluginCatalog>().TryGetSink("grumpy", out _), Is.False);
    }

    [Test]
    public async Task A_broken_replacement_keeps_the_previous_version_serving()
    {
        TestPlugin.Write(Path.Combine(_folders.Plugins, "greeter"), "greeter", "1.0.0");
        await StartAsync(_folders.Plugins);
        await WaitForPluginAsync("greeter", p => (string?)p["status"] == "loaded", "greeter to load");

        File.WriteAllText(Path.Combine(_folders.Plugins, "greeter", "greeter.dll"), "truncated copy");

        var plugin = await WaitForPluginAsync("greeter", p => (string?)p["status"] == "failed", "the broken copy to be reported");
        Assert.That((string?)plugin["error"], Does.Contain("keeps serving"));
        Assert.That((string?)plugin["version"], Is.EqualTo("1.0.0"));
        Assert.That(_host.Service<PluginCatalog>().TryGetSink("greeter", out _), Is.True);
    }

    [Test]
    public async Task A_sink_that_throws_is_contained_and_counted()
    {
        TestPlugin.Write(Path.Combine(_folders.Plugins, "thrower"), "thrower", "1.0.0", send: "throw new InvalidOperationException(\"bug in the plugin\");");
        await StartAsync(_folders.Plugins);
        await WaitForPluginAsync("thrower", p => (string?)p["status"] == "loaded", "thrower to load");
        Assert.That(_host.Service<PluginCatalog>().TryGetSink("thrower", out var plugin), Is.True);
        using var http = new HttpClient();

        var result = await plugin!.Create(new SinkSettings("t", new Dictionary<string, string>(), http)).SendAsync(SinkTestData.Notification("t"), CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DeliveryOutcome.PermanentFailure));
        Assert.That(result.Error, Does.Contain("bug in the plugin"));
        var status = await WaitForPluginAsync("thrower", p => (long)p["faults"]! == 1, "the fault to be counted");
        Assert.That((string?)status["lastFault"], Does.Contain("bug in the plugin"));
        Assert.That((string?)status["status"], Is.EqualTo("loaded"));
    }

    [Test]
    public async Task A_second_plugin_with_the_same_sink_name_serves_nothing_and_says_why()
    {
        _folders.CopyIn(Path.Combine(PluginFolders.FirstParty, "console"), "a-console");
        _folders.CopyIn(Path.Combine(PluginFolders.FirstParty, "console"), "b-console");

        await StartAsync(_folders.Plugins);

        var second = await WaitForPluginAsync("b-console", p => (string?)p["status"] == "failed", "the duplicate to be reported");
        Assert.That((string?)second["error"], Does.Contain("'console' is already provided by plugin 'a-console'"));
        Assert.That(second["sinks"]!.AsArray(), Is.Empty);
        var first = await WaitForPluginAsync("a-console", _ => true, "a-console");
        Assert.That((string?)first["status"], Is.EqualTo("loaded"));
    }

    private async Task StartAsync(string pluginsPath)
    {
        var config = new JsonObject { ["RuleHost"] = new JsonObject { ["PluginsPath"] = pluginsPath } };
        _host = await HostFixture.StartAsync(config.ToJsonString());
    }

    private async Task<JsonObject> WaitForPluginAsync(string name, Func<JsonObject, bool> done, string what)
    {
        var list = await _host.WaitForAsync("/api/v1/plugins", l => Find(l, name) is { } p && done(p), what);
        return Find(list, name)!;
    }

    private static JsonObject? Find(JsonNode list, string name) =>
        list.AsArray().OfType<JsonObject>().FirstOrDefault(p => (string?)p["name"] == name);
}
