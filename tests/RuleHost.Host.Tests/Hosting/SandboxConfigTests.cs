using RuleHost.Host.Cli;
using RuleHost.Host.Tests.Support;
using static RuleHost.Host.Tests.Support.Events;

namespace RuleHost.Host.Tests.Hosting;

/// <summary>The API allowlist is configurable: RuleHost:Sandbox adds framework types, for the host and for rulehost check alike.</summary>
public sealed class SandboxConfigTests
{
    // System.Text.Encoding is not on the default allowlist.
    private const string Rules = """
        Rule("LongName")
            .Match(e => e.Metric == "name")
            .When(e => System.Text.Encoding.UTF8.GetByteCount(e.Service) > 10)
            .KeyBy(e => e.Service);
        """;

    private const string Allowing = """{"RuleHost": {"Sandbox": {"AllowTypes": ["System.Text.Encoding"]}}}""";

    [Test]
    public async Task A_type_off_the_default_allowlist_is_refused_naming_it()
    {
        await using var host = await HostFixture.StartAsync(("names.csx", Rules));

        var file = await host.WaitForRuleFileAsync("names.csx", f => (string?)f["status"] == "error", "refused");

        Assert.That(file["diagnostics"]!.ToJsonString(), Does.Contain("RH0200").And.Contain("Encoding"));
    }

    [Test]
    public async Task A_type_added_in_configuration_is_allowed_and_the_rule_runs()
    {
        await using var host = await HostFixture.StartAsync(Allowing, ("names.csx", Rules));
        try
        {
            await host.PostAcceptedAsync(Json(Metric("a-rather-long-service", "name", 1, Minutes(0))));

            await host.WaitForAlertAsync("LongName", "a-rather-long-service", "firing");
        }
        finally
        {
            host.ReportIfFailed();
        }
    }

    [Test]
    public async Task Check_reads_the_same_configuration()
    {
        using var folder = new RuleFolder();
        folder.Write("names.csx", Rules);
        var config = folder.WriteConfig(Allowing);
        using var output = new StringWriter();

        var refused = await CommandLine.RunAsync(["check", folder.Rules], output, output);
        var allowed = await CommandLine.RunAsync(["check", folder.Rules, "--config", config], output, output);

        Assert.That(refused, Is.EqualTo(1), output.ToString());
        Assert.That(allowed, Is.Zero, output.ToString());
    }
}
