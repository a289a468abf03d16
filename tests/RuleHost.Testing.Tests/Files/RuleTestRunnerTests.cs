using RuleHost.Testing.Files;

namespace RuleHost.Testing.Tests.Files;

public sealed class RuleTestRunnerTests
{
    private const string Rules = """
        Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).For(TimeSpan.FromMinutes(2))
            .KeyBy(e => e.Service).Summary(e => $"CPU {e.Value} on {e.Service}").NotifyTo("ops");
        """;

    [Test]
    public void Passes_when_alerts_and_notifications_match()
    {
        using var folder = Folder("""
            tests:
              - name: fires
                series: [{event: {service: api, metric: cpu}, values: 90+1x2}]
                expect:
                  - {at: 1m, alerts: [{rule: HighCpu, key: api, state: pending}]}
                  - {at: 2m, alerts: [{rule: HighCpu, key: api, state: firing, summary: CPU 92 on api}]}
                notifications:
                  - {rule: HighCpu, key: api, state: firing, target: ops, at: 2m}
            """);

        var results = RuleTestRunner.RunFile(Path.Combine(folder.Root, "tests", "t.test.yaml"));

        Assert.That(results.Single().Failures, Is.Empty);
    }

    [Test]
    public void Words_each_difference_when_expectations_fail()
    {
        using var folder = Folder("""
            tests:
              - name: wrong
                series: [{event: {service: api, metric: cpu}, values: 90+1x2}]
                expect:
                  - {at: 2m, alerts: [{rule: HighCpu, key: api, state: firing, summary: nope}, {rule: HighCpu, key: db}]}
                notifications: []
            """);

        var failures = RuleTestRunner.RunFile(Path.Combine(folder.Root, "tests", "t.test.yaml")).Single().Failures;

        Assert.That(failures, Has.Some.EqualTo("at 2m: HighCpu[api]: summary: expected \"nope\", got \"CPU 92 on api\""));
        Assert.That(failures, Has.Some.EqualTo("at 2m: expected HighCpu[db] firing, but it is not active"));
        Assert.That(failures, Has.Some.StartsWith("notifications: unexpected HighCpu[api] firing → ops"));
    }

    [Test]
    public void Reports_a_file_that_does_not_parse_with_its_line()
    {
        using var folder = Folder("tests:\n  - nme: x\n");

        var result = RuleTestRunner.RunFile(Path.Combine(folder.Root, "tests", "t.test.yaml")).Single();

        Assert.That(result.Failures.Single(), Does.Contain("t.test.yaml(2,").And.Contain("nme"));
    }

    private static TempFolder Folder(string test)
    {
        var folder = new TempFolder();
        folder.Write("rules.csx", Rules);
        folder.Write("tests/t.test.yaml", test);
        return folder;
    }
}
