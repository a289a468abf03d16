using System.Text.Json.Nodes;
using RuleHost.Host.Tests.Support;
using static RuleHost.Host.Tests.Support.Events;

namespace RuleHost.Host.Tests.Hosting;

/// <summary>Rule files edited, broken, fixed, deleted, renamed and saved the way editors save, under the real watcher.</summary>
/// <remarks>A host per test: each test changes its own folder, and a watcher must not see another test's files.</remarks>
public sealed class HotReloadTests
{
    private const string Marker = """
        Rule("Marker")
            .Match(e => e.Metric == "marker")
            .When(e => true)
            .KeyBy(e => e.Service);
        """;

    private HostFixture _host = null!;

    [TearDown]
    public async Task StopHost()
    {
        if (_host is null)
            return; // the host did not start
        _host.ReportIfFailed();
        await _host.DisposeAsync();
        _host = null!;
    }

    [Test]
    public async Task Editing_a_threshold_keeps_the_state_of_a_firing_alert()
    {
        _host = await HostFixture.StartAsync(("cpu.csx", Hot(85)), ("marker.csx", Marker));
        await _host.PostAcceptedAsync(Json(Cpu("api", 90, Minutes(0))));
        var fired = await _host.WaitForAlertAsync("Hot", "api", "firing");

        _host.Folder.Write("cpu.csx", Hot(95));
        await WaitForVersionAsync("cpu.csx", 2);
        await _host.PostAcceptedAsync(Json(Cpu("api", 97, Minutes(1))));

        // The console prints in order: once the marker's line is out, any re-fire of Hot[api] would be too.
        await _host.PostAcceptedAsync(Json(Metric("m1", "marker", 1, Minutes(1))));
        await _host.Console.WaitForLineAsync(l => l.Contains("Marker[m1]"), "for Marker[m1]");
        Assert.That(_host.Console.Lines.Where(l => l.Contains("FIRING") && l.Contains("Hot[api]")), Has.Exactly(1).Items);
        var kept = (await _host.AlertAsync("Hot", "api"))!;
        Assert.That((string?)kept["state"], Is.EqualTo("firing"));
        Assert.That((string?)kept["startsAt"], Is.EqualTo((string?)fired["startsAt"]));
        Assert.That((string?)kept["firedAt"], Is.EqualTo((string?)fired["firedAt"]));

        // The new threshold is the one running: 90 no longer holds it.
        await _host.PostAcceptedAsync(Json(Cpu("api", 90, Minutes(2))));
        await _host.SettleAsync();
        Assert.That((string?)(await _host.AlertAsync("Hot", "api"))!["state"], Is.EqualTo("resolved"));
    }

    [Test]
    public async Task A_save_that_does_not_compile_keeps_the_previous_version_running_until_fixed()
    {
        _host = await HostFixture.StartAsync(("cpu.csx", Hot(85)));

        _host.Folder.Write("cpu.csx", Hot(50).Replace("e.Value > 50)", "e.Value > 50", StringComparison.Ordinal));
        var broken = await _host.WaitForRuleFileAsync("cpu.csx", f => (string?)f["status"] == "error", "status error");

        var diagnostic = broken["diagnostics"]!.AsArray().First()!;
        Assert.Multiple(() =>
        {
            Assert.That((int?)broken["version"], Is.EqualTo(1));
            Assert.That((string?)diagnostic["text"], Does.Match(@"cpu\.csx\(\d+,\d+\): error CS\d{4}: .+"));
            Assert.That((int?)diagnostic["line"], Is.Positive);
            Assert.That((int?)diagnostic["column"], Is.Positive);
            Assert.That((string?)diagnostic["id"], Does.Match(@"^CS\d{4}$"));
            Assert.That((string?)diagnostic["message"], Is.Not.Empty);
            Assert.That(Status(broken), Is.EqualTo(new[] { "Hot ok" }), "the last good version is still listed and running");
        });

        // The old rule (> 85) still evaluates; the broken save's intent (> 50) does not.
        await _host.PostAcceptedAsync(Json(Cpu("old", 90, Minutes(0)), Cpu("new", 60, Minutes(0))));
        await _host.SettleAsync();
        Assert.That((string?)(await _host.AlertAsync("Hot", "old"))?["state"], Is.EqualTo("firing"));
        Assert.That(await _host.AlertAsync("Hot", "new"), Is.Null);

        _host.Folder.Write("cpu.csx", Hot(50));
        var fixedFile = await WaitForVersionAsync("cpu.csx", 2);
        Assert.That((string?)fixedFile["status"], Is.EqualTo("ok"));
        Assert.That(fixedFile["diagnostics"]!.AsArray(), Is.Empty);
        await _host.PostAcceptedAsync(Json(Cpu("fixed", 60, Minutes(0))));
        await _host.SettleAsync();
        Assert.That((string?)(await _host.AlertAsync("Hot", "fixed"))?["state"], Is.EqualTo("firing"));
    }

    [Test]
    public async Task Deleting_a_file_removes_its_rules_and_resolves_their_alerts()
    {
        _host = await HostFixture.StartAsync(("cpu.csx", Hot(85)), ("marker.csx", Marker));
        await _host.PostAcceptedAsync(Json(Cpu("api", 90, Minutes(0))));
        await _host.WaitForAlertAsync("Hot", "api", "firing");

        File.Delete(_host.Folder.PathOf("cpu.csx"));

        await _host.WaitForAsync("/api/v1/rules", r => HostFixture.FileIn(r, "cpu.csx") is null, "cpu.csx to be gone");
        var resolved = await _host.WaitForAlertAsync("Hot", "api", "resolved");
        Assert.That(resolved["endsAt"], Is.Not.Null);
        await _host.Console.WaitForLineAsync(l => l.Contains("RESOLVED") && l.Contains("Hot[api]"), "resolving Hot[api]");
        await _host.WaitForAsync("/healthz", h => (int)h["rules"]! == 1, "one rule left running");
        await _host.PostAcceptedAsync(Json(Metric("still", "marker", 1, Minutes(0)), Cpu("gone", 99, Minutes(0))));
        await _host.SettleAsync();
        Assert.That(await _host.AlertAsync("Marker", "still"), Is.Not.Null);
        Assert.That(await _host.AlertAsync("Hot", "gone"), Is.Null);
    }

    [Test]
    public async Task Renaming_a_file_keeps_its_rules_under_the_new_path()
    {
        _host = await HostFixture.StartAsync(("cpu.csx", Hot(85)), ("marker.csx", Marker));

        File.Move(_host.Folder.PathOf("cpu.csx"), _host.Folder.PathOf("renamed.csx"));

        var rules = await _host.WaitForAsync(
            "/api/v1/rules",
            r => HostFixture.FileIn(r, "cpu.csx") is null && HostFixture.FileIn(r, "renamed.csx") is { } f && Status(f).SequenceEqual(["Hot ok"]),
            "Hot to run from renamed.csx");
        var renamed = HostFixture.FileIn(rules, "renamed.csx")!;
        Assert.That((string?)renamed["status"], Is.EqualTo("ok"));
        Assert.That(renamed["diagnostics"]!.AsArray(), Is.Empty, "no duplicate-name error from the old path");
        await _host.PostAcceptedAsync(Json(Cpu("api", 90, Minutes(0))));
        await _host.SettleAsync();
        Assert.That((string?)(await _host.AlertAsync("Hot", "api"))?["state"], Is.EqualTo("firing"));
    }

    [Test]
    public async Task An_editor_style_save_through_a_temp_file_and_a_rename_loads_the_new_version()
    {
        _host = await HostFixture.StartAsync(("cpu.csx", Hot(85)));

        File.WriteAllText(_host.Folder.PathOf("cpu.csx.tmp"), Hot(50));
        File.Move(_host.Folder.PathOf("cpu.csx.tmp"), _host.Folder.PathOf("cpu.csx"), overwrite: true);

        var file = await WaitForVersionAsync("cpu.csx", 2);
        Assert.That((string?)file["status"], Is.EqualTo("ok"));
        Assert.That(await _host.RuleFileAsync("cpu.csx.tmp"), Is.Null);
        await _host.PostAcceptedAsync(Json(Cpu("api", 60, Minutes(0))));
        await _host.SettleAsync();
        Assert.That((string?)(await _host.AlertAsync("Hot", "api"))?["state"], Is.EqualTo("firing"));
    }

    [Test]
    public async Task A_burst_of_saves_ends_running_the_last_content()
    {
        _host = await HostFixture.StartAsync(("cpu.csx", Hot(85, "save 0")));
        var path = _host.Folder.PathOf("cpu.csx");
        const string last = """

            Rule("BurstDone").Match(e => e.Metric == "never").When(e => true);
            """;

        for (var i = 1; i <= 50; i++)
            File.WriteAllText(path, Hot(85 - i % 7, $"save {i}") + (i == 50 ? last : ""));

        var file = await _host.WaitForRuleFileAsync("cpu.csx", f => Status(f).SequenceEqual(["Hot ok", "BurstDone ok"]), "the last save to run");
        Assert.Multiple(() =>
        {
            Assert.That((int?)file["version"], Is.GreaterThanOrEqualTo(2));
            Assert.That((string?)file["status"], Is.EqualTo("ok"));
            Assert.That(file["diagnostics"]!.AsArray(), Is.Empty);
        });
        await _host.PostAcceptedAsync(Json(Cpu("api", 90, Minutes(0))));
        await _host.SettleAsync();
        Assert.That((string?)(await _host.AlertAsync("Hot", "api"))?["summary"], Is.EqualTo("save 50: 90 on api"));
    }

    private static IEnumerable<TestCaseData> NamesResolvedElsewhere()
    {
        const string taken = """Rule("Shared").Match(e => e.Metric == "cpu").When(e => e.Value > 1).KeyBy(e => e.Service);""";
        const string composite = """Composite("Both").AllOf("Shared", "Later");""";
        const string later = """Rule("Later").Match(e => e.Metric == "mem").When(e => e.Value > 1).KeyBy(e => e.Service);""";
        yield return new TestCaseData("RH0106", taken, "a.csx", null)
            .SetName("A file refused for a duplicate name loads once the other file gives the name up");
        yield return new TestCaseData("RH0107", composite, "c.csx", later)
            .SetName("A composite refused for an unknown rule loads once another file defines it");
    }

    [TestCaseSource(nameof(NamesResolvedElsewhere))]
    public async Task A_file_refused_because_of_another_file_loads_when_that_file_changes(string problem, string source, string otherFile, string? otherSource)
    {
        const string shared = """Rule("Shared").Match(e => e.Metric == "cpu").When(e => e.Value > 1).KeyBy(e => e.Service);""";
        _host = await HostFixture.StartAsync(("a.csx", shared));
        _host.Folder.Write("b.csx", source);
        var refused = await _host.WaitForRuleFileAsync("b.csx", f => (string?)f["status"] == "error", "b.csx to be refused");
        Assert.That((string?)refused["diagnostics"]![0]!["id"], Is.EqualTo(problem));

        if (otherSource is null)
            File.Delete(_host.Folder.PathOf(otherFile));
        else
            _host.Folder.Write(otherFile, otherSource);

        var loaded = await WaitForVersionAsync("b.csx", 1);
        Assert.That(loaded["diagnostics"]!.AsArray(), Is.Empty);
    }

    private static string Hot(int threshold, string summary = "cpu") => $$"""
        Rule("Hot")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Value > {{threshold}})
            .KeyBy(e => e.Service)
            .Summary(e => $"{{summary}}: {e.Value:F0} on {e.Service}");
        """;

    private static IEnumerable<string> Status(JsonObject file) =>
        file["rules"]!.AsArray().Select(r => $"{(string?)r!["name"]} {(string?)r["status"]}");

    /// <summary>WaitForVersionAsync waits until the file's version has loaded cleanly and the engine runs its rules (none "loading").</summary>
    private Task<JsonObject> WaitForVersionAsync(string file, int version) =>
        _host.WaitForRuleFileAsync(
            file,
            f => (int?)f["version"] == version && (string?)f["status"] == "ok" && f["rules"]!.AsArray().All(r => (string?)r!["status"] != "loading"),
            $"version {version} to run");
}
