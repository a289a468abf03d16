using RuleHost.Host.Tests.Support;
using static RuleHost.Host.Tests.Support.Events;

namespace RuleHost.Host.Tests.Hosting;

/// <summary>A rule stuck inside one library call, where no guard ticks, is abandoned by the watchdog; evaluation goes on.</summary>
public sealed class WatchdogTests
{
    // Distinct over 300 million repeats is one library call that runs for seconds without calling back into rule code.
    private const string Rules = """
        Rule("Stuck")
            .Match(e => e.Metric == "bomb")
            .When(e => Enumerable.Repeat(1, 300_000_000).Distinct().Count() > 0)
            .KeyBy(e => e.Service);

        Rule("HighCpu")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Value > 85)
            .KeyBy(e => e.Service);
        """;

    [Test]
    public async Task A_rule_stuck_in_library_code_is_quarantined_and_other_rules_keep_firing()
    {
        await using var host = await HostFixture.StartAsync("""{"RuleHost": {"WatchdogTimeout": "00:00:00.300"}}""", ("rules.csx", Rules));
        try
        {
            await host.PostAcceptedAsync(Json(Metric("api", "bomb", 1, Minutes(0))));
            await host.PostAcceptedAsync(Json(Cpu("api", 95, Minutes(0))));

            await host.WaitForAlertAsync("HighCpu", "api", "firing");
            var quarantined = await host.WaitForAlertAsync("RuleQuarantined", "Stuck", "firing");
            Assert.That((string?)quarantined["summary"], Does.Contain("abandoned"));
            var stuck = HostFixture.RuleIn(await host.WaitForRuleFileAsync("rules.csx", f => HostFixture.RuleIn(f, "Stuck")?["status"]?.ToString() == "quarantined", "Stuck quarantined"), "Stuck");
            Assert.That((string?)stuck!["status"], Is.EqualTo("quarantined"));

            await host.PostAcceptedAsync(Json(Cpu("db", 95, Minutes(1))));
            await host.WaitForAlertAsync("HighCpu", "db", "firing"); // the new evaluation thread carries on
        }
        finally
        {
            host.ReportIfFailed();
        }
    }
}
