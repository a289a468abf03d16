using RuleHost.Host.Cli;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Cli;

/// <summary>The rulehost verbs, run in-process through <see cref="CommandLine.RunAsync"/> with their output captured.</summary>
public sealed class CommandLineTests : CommandLineFixture
{
    private const string Good = """Rule("Good").Match(e => e.Metric == "cpu").When(e => e.Value > 85);""";

    [Test]
    public async Task Check_passes_aFolder_that_compiles()
    {
        Folder.Write("good.csx", Good);

        var exit = await RunAsync("check", Folder.Rules);

        Assert.That(exit, Is.Zero);
        Assert.That(Out.ToString(), Does.Contain("1 files, 1 rules, 0 errors"));
    }

    [Test]
    public async Task Check_fails_aFolder_with_anError_and_prints_the_diagnostic()
    {
        Folder.Write("good.csx", Good);
        Folder.Write("bad.csx", """Rule("Bad").Match(e => e.Metric == "cpu").When(e => e.Valu > 85);""");

        var exit = await RunAsync("check", Folder.Rules);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(Out.ToString(), Does.Match(@"bad\.csx\(1,\d+\): error CS1061: .*'Valu'"));
        Assert.That(Out.ToString(), Does.Contain("1 errors"));
    }

    [Test]
    public async Task Check_compiles_templates_and_reports_a_broken_one_with_file_and_line()
    {
        Folder.Write("good.csx", Good);
        Folder.Write(Path.Combine("templates", "good.cshtml"), """{"summary": "@Model.Alert.Summary"}""");
        Folder.Write(Path.Combine("templates", "broken.cshtml"), "@model RuleHost.Notifications.NotificationModel\n{\n  \"x\": \"@Model.Alert.Sumary\"\n}");

        var exit = await RunAsync("check", Folder.Rules);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(Out.ToString(), Does.Match(@"templates/broken\.cshtml\(3,\d+\): error CS1061: .*'Sumary'"));
        Assert.That(Out.ToString(), Does.Contain("1 files, 1 rules, 1 errors, 0 warnings, 2 templates"));
    }

    [Test]
    public async Task Check_of_a_missingFolder_fails()
    {
        var exit = await RunAsync("check", Path.Combine(Folder.Root, "nowhere"));

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(Out.ToString(), Does.Contain("no such folder"));
    }

    [Test]
    public async Task New_rule_starts_a_file_from_the_template_that_passes_check()
    {
        Assert.That(File.Exists(Path.Combine(AppContext.BaseDirectory, NewRuleCommand.TemplateFile)), "the template ships beside the assembly");

        var exit = await RunAsync("new", "rule", "PaymentsCpu", "--rules", Folder.Rules);

        var created = Folder.PathOf("PaymentsCpu.csx");
        Assert.That(exit, Is.Zero, Err.ToString());
        Assert.That(File.ReadAllText(created), Does.Contain("""Rule("PaymentsCpu")""").And.Not.Contain("{{Name}}"));
        Assert.That(await RunAsync("check", Folder.Rules), Is.Zero, Out.ToString());
    }

    [Test]
    public async Task New_rule_does_not_overwrite_an_existing_file()
    {
        var path = Folder.Write("Taken.csx", Good);

        var exit = await RunAsync("new", "rule", "Taken", "--rules", Folder.Rules);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(Err.ToString(), Does.Contain("already exists"));
        Assert.That(File.ReadAllText(path), Is.EqualTo(Good));
    }

    [TestCase("frobnicate")]
    [TestCase("check", "--bogus", "x")]
    [TestCase("run", "--rules")]
    [TestCase("new", "rule", "1bad-name")]
    [TestCase("new", "thing", "X")]
    [TestCase("editor", "extra")]
    public async Task A_usageError_exits_with_2(params string[] args)
    {
        var exit = await RunAsync(args);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(Err.ToString(), Is.Not.Empty);
    }

    [Test]
    public async Task Run_refuses_a_non_loopback_address_without_api_keys()
    {
        // Build refuses before anything binds; checked first, so the command below can never listen on 0.0.0.0.
        Assert.That(
            () => RuleHostApp.Build(new HostSettings(RulesPath: Folder.Rules, Urls: "http://0.0.0.0:5999")),
            Throws.InvalidOperationException.With.Message.Contains("refusing to listen on http://0.0.0.0:5999"));

        var exit = await RunAsync("run", "--urls", "http://0.0.0.0:5999", "--rules", Folder.Rules, "--data", Folder.Data);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(Err.ToString(), Does.Contain("refusing to listen").And.Contain("RuleHost:ApiKeys"));
    }

    [Test]
    public async Task An_api_key_allows_a_non_loopback_address()
    {
        var config = Folder.WriteConfig("""{ "RuleHost": { "ApiKeys": ["k1-0123456789abcdef"] } }""");

        // Built, never started: nothing binds.
        await using var app = RuleHostApp.Build(new HostSettings(RulesPath: Folder.Rules, ConfigFile: config, Urls: "http://0.0.0.0:5999"));

        Assert.That(app, Is.Not.Null);
    }

    [Test]
    public async Task Replay_prints_the_alerts_recorded_events_raise_and_what_an_edit_changes()
    {
        var old = Directory.CreateDirectory(Path.Combine(Folder.Rules, "old")).FullName;
        var now = Directory.CreateDirectory(Path.Combine(Folder.Rules, "new")).FullName;
        File.WriteAllText(Path.Combine(old, "r.csx"), """Rule("Hot").Match(e => e.Metric == "cpu").When(e => e.Value > 80).KeyBy(e => e.Service);""");
        File.WriteAllText(Path.Combine(now, "r.csx"), """Rule("Hot").Match(e => e.Metric == "cpu").When(e => e.Value > 95).KeyBy(e => e.Service);""");
        var events = Path.Combine(Folder.Rules, "events.ndjson");
        File.WriteAllLines(events,
        [
            """{"service": "api", "metric": "cpu", "value": 90, "timestamp": "2026-11-26T10:00:00Z"}""",
            """{"service": "db", "metric": "cpu", "value": 99, "timestamp": "2026-11-26T10:01:00Z"}""",
        ]);

        Assert.That(await RunAsync("replay", events, "--rules", old), Is.Zero, Err.ToString());
        Assert.That(Out.ToString(), Does.Contain("2026-11-26 10:00:00 FIRING   Hot[api]").And.Contain("2026-11-26 10:01:00 FIRING   Hot[db]"));

        Out.GetStringBuilder().Clear();
        Assert.That(await RunAsync("replay", events, "--rules", now, "--against", old), Is.Zero, Err.ToString());
        Assert.That(Out.ToString(), Does.Contain("- 2026-11-26 10:00:00 FIRING   Hot[api]").And.Contain("0 alert changes added, 1 removed"));
    }

    [Test]
    public async Task Replay_refuses_an_event_without_a_timestamp_naming_its_line()
    {
        var events = Path.Combine(Folder.Rules, "events.ndjson");
        File.WriteAllLines(events, ["""{"service": "api", "timestamp": "2026-11-26T10:00:00Z"}""", """{"service": "api"}"""]);

        Assert.That(await RunAsync("replay", events, "--rules", Folder.Rules), Is.EqualTo(2));
        Assert.That(Err.ToString(), Does.Contain("events.ndjson(2): replay needs a timestamp on every event"));
    }
}
