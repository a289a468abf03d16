using RuleHost.Host.Cli;

namespace RuleHost.Host.Tests.Cli;

public sealed class CommandLineTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("rulehost-cli-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Check_passes_a_good_folder_and_fails_a_broken_one_printing_the_diagnostic()
    {
        File.WriteAllText(Path.Combine(_dir, "good.csx"), """Rule("A").Match(e => true).When(e => e.Value > 1);""");
        var (code, output, _) = await RunAsync("check", _dir);
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("1 files, 1 rules, 0 errors"));

        File.WriteAllText(Path.Combine(_dir, "bad.csx"), "Rule(\"B\").Match(e => true)\n  .When(e => e.Vlue > 1);");
        (code, output, _) = await RunAsync("check", _dir);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Match(@"bad\.csx\(2,16\): error CS1061: "));
    }

    [Test]
    public async Task New_rule_writes_a_file_from_the_template_that_passes_check()
    {
        var (code, output, error) = await RunAsync("new", "rule", "DiskFull", "--rules", _dir);
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("DiskFull.csx"));
        Assert.That(File.ReadAllText(Path.Combine(_dir, "DiskFull.csx")), Does.Contain("Rule(\"DiskFull\")"));

        (code, output, _) = await RunAsync("check", _dir);
        Assert.That(code, Is.Zero, output);

        (code, _, error) = await RunAsync("new", "rule", "DiskFull", "--rules", _dir);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error, Does.Contain("already exists"));
    }

    [TestCase("frobnicate")]
    [TestCase("run", "--colour", "blue")]
    [TestCase("new", "rule", "9lives")]
    public async Task Refuses_unknown_verbs_options_and_names_with_exit_2(params string[] args)
    {
        var (code, _, error) = await RunAsync(args);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Is.Not.Empty);
    }

    [Test]
    public async Task Refuses_to_listen_beyond_loopback_without_an_api_key()
    {
        var (code, _, error) = await RunAsync("run", "--rules", _dir, "--urls", "http://0.0.0.0:5999");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("no API key is configured"));
    }

    [Test]
    public async Task Replay_prints_the_alerts_and_what_an_edit_changes()
    {
        var old = Directory.CreateDirectory(Path.Combine(_dir, "old")).FullName;
        var now = Directory.CreateDirectory(Path.Combine(_dir, "new")).FullName;
        File.WriteAllText(Path.Combine(old, "r.csx"), """Rule("Hot").Match(e => e.Metric == "cpu").When(e => e.Value > 80).KeyBy(e => e.Service);""");
        File.WriteAllText(Path.Combine(now, "r.csx"), """Rule("Hot").Match(e => e.Metric == "cpu").When(e => e.Value > 95).KeyBy(e => e.Service);""");
        var events = Path.Combine(_dir, "events.ndjson");
        File.WriteAllLines(events,
        [
            """{"service": "api", "metric": "cpu", "value": 90, "timestamp": "2026-11-26T10:00:00Z"}""",
            """{"service": "db", "metric": "cpu", "value": 99, "timestamp": "2026-11-26T10:01:00Z"}""",
        ]);

        var (code, output, _) = await RunAsync("replay", events, "--rules", old);
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("2026-11-26 10:00:00 FIRING   Hot[api]").And.Contain("FIRING   Hot[db]"));

        (code, output, _) = await RunAsync("replay", events, "--rules", now, "--against", old);
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("- 2026-11-26 10:00:00 FIRING   Hot[api]").And.Contain("0 alert changes added, 1 removed"));
    }

    [Test]
    public async Task The_sample_rules_compile_and_pass_their_tests()
    {
        var rules = Path.Combine(RepositoryRoot(), "rules");

        var (code, output, _) = await RunAsync("check", rules);
        Assert.That(code, Is.Zero, output);

        (code, output, _) = await RunAsync("test", Path.Combine(rules, "tests"));
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain(" 0 failed"));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RuleHost.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("RuleHost.sln not found above the test folder");
    }
}
