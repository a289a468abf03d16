using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RuleHost.Engine.Delivery;
using RuleHost.Host.Tests.Delivery.Support;

namespace RuleHost.Host.Tests.Delivery;

/// <summary>Targets from configuration: flattened settings, ${VAR} expansion, engine keys, and every problem named at start.</summary>
public sealed class TargetReaderTests
{
    [Test]
    public void Settings_are_flattened_and_environment_references_expanded()
    {
        var catalog = Catalog(new()
        {
            ["RuleHost:Targets:pd:Sink"] = "pagerduty",
            ["RuleHost:Targets:pd:RoutingKey"] = "${PD_KEY}",
            ["RuleHost:Targets:pd:Headers:X-Team"] = "ops-${TEAM}",
            ["RuleHost:Targets:pd:SendResolved"] = "false",
            ["RuleHost:Targets:pd:FloodLimit"] = "100",
            ["RuleHost:Targets:pd:FloodInterval"] = "00:02:00",
            ["RuleHost:Targets:pd:Unknown"] = "kept",
        }, new() { ["PD_KEY"] = "R0UT1NG", ["TEAM"] = "payments" });

        var target = catalog.Find("pd")!;
        Assert.Multiple(() =>
        {
            Assert.That(target.Sink, Is.EqualTo("pagerduty"));
            Assert.That(target.Settings["RoutingKey"], Is.EqualTo("R0UT1NG"));
            Assert.That(target.Settings["Headers:X-Team"], Is.EqualTo("ops-payments"));
            Assert.That(target.Settings["Unknown"], Is.EqualTo("kept"));
            Assert.That(target.SendResolved, Is.False);
            Assert.That(target.FloodLimit, Is.EqualTo(100));
            Assert.That(target.FloodInterval, Is.EqualTo(TimeSpan.FromMinutes(2)));
        });
    }

    [Test]
    public void Every_bad_target_is_named_in_one_error()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Catalog(new()
        {
            ["RuleHost:Targets:nosink:Url"] = "http://x",
            ["RuleHost:Targets:secret:Sink"] = "webhook",
            ["RuleHost:Targets:secret:Secret"] = "${MISSING_SECRET}",
            ["RuleHost:Targets:flood:Sink"] = "webhook",
            ["RuleHost:Targets:flood:FloodLimit"] = "many",
        }, []))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain("target 'nosink' needs a \"Sink\""));
            Assert.That(error.Message, Does.Contain("target 'secret': Secret refers to ${MISSING_SECRET}, which is not set"));
            Assert.That(error.Message, Does.Contain("target 'flood': FloodLimit must be a whole number"));
        });
    }

    [Test]
    public async Task A_host_with_a_target_without_a_sink_does_not_start()
    {
        var error = (await Assert.ThrowsAsync<OptionsValidationException>(async () =>
            await DeliveryHost.StartAsync(DeliveryHost.Config(""" "ops-hook": { "Url": "http://127.0.0.1:1" } """), new TestSinks())))!;

        Assert.That(error.Message, Does.Contain("target 'ops-hook' needs a \"Sink\""));
    }

    private static TargetCatalog Catalog(Dictionary<string, string?> settings, Dictionary<string, string> environment) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new TestSinks(), new DeliveryOptions(), environment.GetValueOrDefault, TimeProvider.System);
}
