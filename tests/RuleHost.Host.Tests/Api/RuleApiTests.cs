using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Api;

public sealed class RuleApiTests
{
    [Test]
    public async Task Lists_files_with_status_diagnostics_and_rule_counters()
    {
        await using var host = await HostFixture.StartAsync(new Dictionary<string, string>
        {
            ["good.csx"] = """
                Rule("Divide").Match(e => e.Metric == "cpu").When(e => int.Parse(e.Tags["n"]) > 0).KeyBy(e => e.Service);
                Rule("Steady").Match(e => e.Metric == "cpu").When(e => e.Value > 50).KeyBy(e => e.Service);
                """,
            ["broken.csx"] = "Rule(\"Broken\")\n    .Match(e => e.Metric == \"cpu\")\n    .When(e => e.Vale > 1);",
        });

        await host.PostAsync(Events.Cpu("api", 80, 0));
        await host.WaitUntilAsync(() => host.Alert("Steady", "api") is not null, "the steady rule to fire");

        var files = await host.GetJsonAsync("/api/v1/rules");
        var broken = files.EnumerateArray().Single(f => f.GetProperty("path").GetString() == "broken.csx");
        Assert.That(broken.GetProperty("status").GetString(), Is.EqualTo("error"));
        Assert.That(broken.GetProperty("version").GetInt32(), Is.Zero);
        var diagnostic = broken.GetProperty("diagnostics")[0];
        Assert.That(diagnostic.GetProperty("line").GetInt32(), Is.EqualTo(3));
        Assert.That(diagnostic.GetProperty("column").GetInt32(), Is.EqualTo(18));
        Assert.That(diagnostic.GetProperty("id").GetString(), Is.EqualTo("CS1061"));
        Assert.That(diagnostic.GetProperty("message").GetString(), Does.Contain("Vale"));
        Assert.That(diagnostic.GetProperty("text").GetString(), Does.Match(@"broken\.csx\(3,18\): error CS1061: "));

        var good = files.EnumerateArray().Single(f => f.GetProperty("path").GetString() == "good.csx");
        Assert.That(good.GetProperty("status").GetString(), Is.EqualTo("ok"));
        var rules = good.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.That(rules["Divide"].GetProperty("status").GetString(), Is.EqualTo("faulting"));
        Assert.That(rules["Divide"].GetProperty("faults").GetInt64(), Is.EqualTo(1));
        Assert.That(rules["Divide"].GetProperty("lastError").GetString(), Does.StartWith("FormatException"));
        Assert.That(rules["Steady"].GetProperty("status").GetString(), Is.EqualTo("ok"));
        Assert.That(rules["Steady"].GetProperty("matched").GetInt64(), Is.EqualTo(1));
        Assert.That(rules["Steady"].GetProperty("kind").GetString(), Is.EqualTo("threshold"));
    }
}
