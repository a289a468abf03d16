using System.Text.Json.Nodes;
using RuleHost.Host.Tests.Support;
using static RuleHost.Host.Tests.Support.Events;

namespace RuleHost.Host.Tests.Api;

/// <summary>GET /api/v1/rules: files with version, status and diagnostics; rules with kind, status and counters.</summary>
public sealed class RuleApiTests
{
    private const string Good = """
        Rule("CpuHigh")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Value > 85)
            .KeyBy(e => e.Service);

        Heartbeat("Beat")
            .Match(e => e.Metric == "heartbeat")
            .KeyBy(e => e.Service)
            .MissingFor(TimeSpan.FromMinutes(5));
        """;

    // Line 3, column 18 is "Valu": a misspelt member, CS1061.
    private const string Broken = """
        Rule("Broken")
            .Match(e => e.Metric == "x")
            .When(e => e.Valu > 1);
        """;

    private const string Faulty = """
        Rule("Throws")
            .Match(e => e.Metric == "boom")
            .When(e => throw new InvalidOperationException("kaboom"));

        Rule("StillFires")
            .Match(e => e.Metric == "boom")
            .When(e => e.Value > 0)
            .KeyBy(e => e.Service);
        """;

    private static readonly string FaultyFile = Path.Combine("nested", "faulty.csx");

    private HostFixture _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() =>
        _host = await HostFixture.StartAsync(("good.csx", Good), ("broken.csx", Broken), (FaultyFile, Faulty));

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [TearDown]
    public void Report() => _host.ReportIfFailed();

    [Test]
    public async Task A_good_file_shows_its_version_and_rules()
    {
        var file = (await _host.RuleFileAsync("good.csx"))!;

        Assert.Multiple(() =>
        {
            Assert.That((int?)file["version"], Is.EqualTo(1));
            Assert.That((string?)file["status"], Is.EqualTo("ok"));
            Assert.That(file["diagnostics"]!.AsArray(), Is.Empty);
            Assert.That(Rules(file), Is.EqualTo(new[] { "CpuHigh threshold ok", "Beat heartbeat ok" }));
            Assert.That((long?)HostFixture.RuleIn(file, "CpuHigh")!["matched"], Is.Zero);
            Assert.That((long?)HostFixture.RuleIn(file, "CpuHigh")!["faults"], Is.Zero);
        });
    }

    [Test]
    public async Task A_file_that_does_not_compile_shows_error_and_its_diagnostics()
    {
        var file = (await _host.RuleFileAsync("broken.csx"))!;

        var diagnostic = file["diagnostics"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)file["status"], Is.EqualTo("error"));
            Assert.That((int?)file["version"], Is.Zero, "no version has ever loaded");
            Assert.That(file["rules"]!.AsArray(), Is.Empty);
            Assert.That((int?)diagnostic["line"], Is.EqualTo(3));
            Assert.That((int?)diagnostic["column"], Is.EqualTo(18));
            Assert.That((string?)diagnostic["id"], Is.EqualTo("CS1061"));
            Assert.That((string?)diagnostic["message"], Does.Contain("'Valu'"));
            Assert.That((string?)diagnostic["text"], Does.Match(@"broken\.csx\(3,18\): error CS1061: .*'Valu'"));
        });
    }

    [Test]
    public async Task A_rule_that_throws_shows_faults_and_never_stops_the_other_rules()
    {
        await _host.PostAcceptedAsync(Json(Metric("api", "boom", 1, Minutes(0)), Metric("api", "boom", 2, Minutes(1))));
        await _host.SettleAsync();

        var file = (await _host.RuleFileAsync(FaultyFile))!;
        var throws = HostFixture.RuleIn(file, "Throws")!;
        var sibling = HostFixture.RuleIn(file, "StillFires")!;
        var alert = await _host.AlertAsync("StillFires", "api");
        Assert.Multiple(() =>
        {
            Assert.That((string?)file["status"], Is.EqualTo("ok"), "a rule that throws is a fault of the rule, not of the file");
            Assert.That((string?)throws["status"], Is.EqualTo("faulting"));
            Assert.That((long?)throws["faults"], Is.EqualTo(2));
            Assert.That((long?)throws["matched"], Is.EqualTo(2));
            Assert.That((string?)throws["lastError"], Is.EqualTo("InvalidOperationException: kaboom"));
            Assert.That(throws["lastErrorAt"], Is.Not.Null);
            Assert.That((string?)sibling["status"], Is.EqualTo("ok"));
            Assert.That((long?)sibling["matched"], Is.EqualTo(2));
            Assert.That((long?)sibling["faults"], Is.Zero);
            Assert.That((string?)alert?["state"], Is.EqualTo("firing"));
        });
    }

    [Test]
    public async Task Counters_count_the_events_a_rule_matched()
    {
        var before = (long)HostFixture.RuleIn((await _host.RuleFileAsync("good.csx"))!, "Beat")!["matched"]!;

        await _host.PostAcceptedAsync(Json(Metric("a", "heartbeat", 1, Minutes(0)), Metric("b", "heartbeat", 1, Minutes(0)), Cpu("a", 1, Minutes(0))));
        await _host.SettleAsync();

        var after = (long)HostFixture.RuleIn((await _host.RuleFileAsync("good.csx"))!, "Beat")!["matched"]!;
        Assert.That(after - before, Is.EqualTo(2));
    }

    private static IEnumerable<string> Rules(JsonObject file) =>
        file["rules"]!.AsArray().Select(r => $"{(string?)r!["name"]} {(string?)r["kind"]} {(string?)r["status"]}");
}
