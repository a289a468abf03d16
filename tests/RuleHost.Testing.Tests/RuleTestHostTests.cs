namespace RuleHost.Testing.Tests;

public sealed class RuleTestHostTests
{
    private const string Rules = """
        Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).For(TimeSpan.FromMinutes(2)).KeyBy(e => e.Service);
        Heartbeat("Quiet").Match(e => e.Metric == "heartbeat").KeyBy(e => e.Service).MissingFor(TimeSpan.FromMinutes(5));
        Route(a => true, "ops");
        """;

    [Test]
    public void Runs_rules_on_a_virtual_clock()
    {
        using var folder = new TempFolder();
        folder.Write("r.csx", Rules);
        var host = RuleTestHost.Load(folder.Root);

        host.Send("api", "cpu", 95, at: TimeSpan.Zero).Send("api", "cpu", 96, at: TimeSpan.FromMinutes(2));

        Assert.That(host.Alert("HighCpu", "api")?.State, Is.EqualTo(AlertState.Firing));
        Assert.That(host.Notifications.Single().Targets, Is.EqualTo(new[] { "ops" }));
    }

    [Test]
    public void Moving_time_runs_heartbeat_timers()
    {
        using var folder = new TempFolder();
        folder.Write("r.csx", Rules);
        var host = RuleTestHost.Load(folder.Root);
        host.Send("billing", "heartbeat");

        host.AdvanceBy(TimeSpan.FromMinutes(4));
        Assert.That(host.Alerts, Is.Empty);
        host.AdvanceBy(TimeSpan.FromMinutes(1));

        Assert.That(host.Alert("Quiet", "billing")?.State, Is.EqualTo(AlertState.Firing));
    }

    [Test]
    public void Loading_a_broken_folder_lists_the_diagnostics()
    {
        using var folder = new TempFolder();
        folder.Write("bad.csx", "Rule(\"X\").Match(e => e.Metric ==).When(e => true);");

        Assert.That(() => RuleTestHost.Load(folder.Root), Throws.TypeOf<RuleLoadException>().With.Message.Contains("bad.csx(1,").And.Message.Contains("error CS"));
    }
}
