using System.Globalization;
using System.Text.Json;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Hosting;

public sealed class HotReloadTests
{
    private static string Threshold(double limit, string name = "HighCpu") =>
        $$"""Rule("{{name}}").Match(e => e.Metric == "cpu").When(e => e.Value > {{limit.ToString(CultureInfo.InvariantCulture)}}).For(TimeSpan.FromMinutes(1)).KeyBy(e => e.Service);""";

    [Test]
    public async Task An_edit_keeps_a_firing_alert_firing_without_firing_it_again()
    {
        await using var host = await HostFixture.StartAsync(new Dictionary<string, string> { ["cpu.csx"] = Threshold(85) });
        await host.PostAsync(Events.Array(Events.Cpu("api", 90, 0), Events.Cpu("api", 90, 60)));
        await host.WaitUntilAsync(() => host.Alert("HighCpu", "api")?.State == AlertState.Firing, "HighCpu to fire");
        var firedAt = host.Alert("HighCpu", "api")!.FiredAt;

        host.Write("cpu.csx", Threshold(80));
        await host.WaitUntilAsync(() => host.FileVersion("cpu.csx") == 2, "version 2 to load");
        await host.PostAsync(Events.Cpu("api", 88, 120));
        await host.WaitUntilAsync(() => host.Loop.Evaluated == 3, "the event to be evaluated");

        Assert.That(host.Alert("HighCpu", "api")!.State, Is.EqualTo(AlertState.Firing));
        Assert.That(host.Alert("HighCpu", "api")!.FiredAt, Is.EqualTo(firedAt));
        Assert.That(host.ConsoleText.Split('\n').Count(l => l.Contains("FIRING", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_broken_save_keeps_the_last_good_version_running_until_fixed()
    {
        await using var host = await HostFixture.StartAsync(new Dictionary<string, string> { ["cpu.csx"] = Threshold(85) });

        host.Write("cpu.csx", "Rule(\"HighCpu\").Match(e => e.Metric == \"cpu\").When(e => e.Value >).KeyBy(e => e.Service);");
        await host.WaitUntilAsync(() => host.FileFailed("cpu.csx"), "the broken save to be reported");
        var diagnostics = host.Catalog.Status.Single().Diagnostics.Select(d => d.ToString()).ToList();
        Assert.That(diagnostics, Has.Some.Match(@"cpu\.csx\(1,\d+\): error CS1525: "));

        await host.PostAsync(Events.Array(Events.Cpu("api", 90, 0), Events.Cpu("api", 90, 60)));
        await host.WaitUntilAsync(() => host.Alert("HighCpu", "api")?.State == AlertState.Firing, "the old version to keep firing");

        host.Write("cpu.csx", Threshold(95));
        await host.WaitUntilAsync(() => host.FileVersion("cpu.csx") == 2 && !host.FileFailed("cpu.csx"), "the fix to load");
        await host.PostAsync(Events.Cpu("api", 90, 120));
        await host.WaitUntilAsync(() => host.Alert("HighCpu", "api")?.State == AlertState.Resolved, "the new threshold to resolve it");
    }

    [Test]
    public async Task Deleting_a_file_removes_its_rules_and_resolves_their_alerts()
    {
        await using var host = await HostFixture.StartAsync(new Dictionary<string, string> { ["cpu.csx"] = Threshold(85), ["other.csx"] = Threshold(50, "Other") });
        await host.PostAsync(Events.Array(Events.Cpu("api", 90, 0), Events.Cpu("api", 90, 60)));
        await host.WaitUntilAsync(() => host.Alert("HighCpu", "api")?.State == AlertState.Firing, "HighCpu to fire");

        File.Delete(Path.Combine(host.Root, "cpu.csx"));
        await host.WaitUntilAsync(() => host.Alert("HighCpu", "api")?.State == AlertState.Resolved, "the alert of the deleted rule to resolve");

        var files = await host.GetJsonAsync("/api/v1/rules");
        Assert.That(files.EnumerateArray().Select(f => f.GetProperty("path").GetString()), Is.EqualTo(new[] { "other.csx" }));
    }

    [Test]
    public async Task Renaming_a_file_keeps_its_rules_without_a_duplicate_name()
    {
        await using var host = await HostFixture.StartAsync(new Dictionary<string, string> { ["cpu.csx"] = Threshold(85) });

        File.Move(Path.Combine(host.Root, "cpu.csx"), Path.Combine(host.Root, "processor.csx"));
        await host.WaitUntilAsync(() => host.FileVersion("processor.csx") == 1 && host.FileVersion("cpu.csx") == 0, "the renamed file to load");

        Assert.That(host.Catalog.Status.Single().Error, Is.False);
        Assert.That(host.Catalog.Current.Rules.Single().Name, Is.EqualTo("HighCpu"));
    }

    [Test]
    public async Task An_editor_save_through_a_temp_file_and_rename_is_picked_up()
    {
        await using var host = await HostFixture.StartAsync(new Dictionary<string, string> { ["cpu.csx"] = Threshold(85) });

        var temp = host.Write("cpu.csx.tmp", Threshold(70));
        File.Move(temp, Path.Combine(host.Root, "cpu.csx"), overwrite: true);
        await host.WaitUntilAsync(() => host.FileVersion("cpu.csx") == 2, "the renamed-over file to load");

        await host.PostAsync(Events.Array(Events.Cpu("api", 75, 0), Events.Cpu("api", 75, 60)));
        await host.WaitUntilAsync(() => host.Alert("HighCpu", "api")?.State == AlertState.Firing, "the new threshold of 70 to fire");
    }

    [Test]
    public async Task A_burst_of_saves_ends_with_the_last_content_running()
    {
        await using var host = await HostFixture.StartAsync(new Dictionary<string, string> { ["cpu.csx"] = Threshold(85) });

        for (var i = 1; i < 50; i++)
            host.Write("cpu.csx", Threshold(100 - i));
        host.Write("cpu.csx", Threshold(50, "Final"));
        await host.WaitUntilAsync(() => host.Catalog.Current.Rules.Select(r => r.Name).SequenceEqual(["Final"]), "the last save to load");

        Assert.That(host.Catalog.Status.Single().Error, Is.False);
        await host.PostAsync(Events.Array(Events.Cpu("api", 50.5, 0), Events.Cpu("api", 50.5, 60)));
        await host.WaitUntilAsync(() => host.Alert("Final", "api")?.State == AlertState.Firing, "the final threshold (50) to fire");
    }

    [Test]
    public async Task An_edit_while_events_flow_loses_none_and_evaluates_none_twice()
    {
        await using var host = await HostFixture.StartAsync(new Dictionary<string, string> { ["cpu.csx"] = Threshold(85) });
        var batch = Events.Lines(Enumerable.Range(0, 1000).Select(i => Events.Cpu(i % 2 == 0 ? "api" : "db", 50, i)));
        var sent = 0;
        var afterReload = 0;
        for (var round = 0; round < 300 && (sent < 100_000 || afterReload < 10); round++)
        {
            using var response = await host.PostAsync(batch, "application/x-ndjson");
            Assert.That((int)response.StatusCode, Is.EqualTo(202));
            sent += 1000;
            if (round == 20)
                host.Write("cpu.csx", Threshold(70));
            if (host.FileVersion("cpu.csx") == 2)
                afterReload++;
        }

        Assert.That(afterReload, Is.GreaterThanOrEqualTo(10), "the reload must land while events still flow");
        await host.WaitUntilAsync(() => host.Loop.Evaluated == sent, $"all {sent} events to be evaluated", seconds: 60);

        var rule = (await host.GetJsonAsync("/api/v1/rules")).EnumerateArray().Single().GetProperty("rules")[0];
        Assert.That(rule.GetProperty("matched").GetInt64(), Is.EqualTo(sent));
    }
}
