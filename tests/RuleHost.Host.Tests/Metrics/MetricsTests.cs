using System.Globalization;
using System.Net;
using System.Text;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Metrics;

/// <summary>GET /metrics on a real host: Prometheus text whose values follow what was posted, per host instance.</summary>
public sealed class MetricsTests
{
    private const string Rules = """
        Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service);
        Rule("Faulty").Match(e => e.Metric == "boom").When(e => int.Parse(e.Tags["n"]) > 0).KeyBy(e => e.Service);
        """;

    private HostFixture _host = null!;

    [SetUp]
    public async Task StartHost() => _host = await HostFixture.StartAsync(("rules.csx", Rules));

    [TearDown]
    public async Task StopHost()
    {
        _host.ReportIfFailed();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task Counts_events_rules_alerts_and_rejections()
    {
        await _host.PostAcceptedAsync("""
            [{"service": "a", "metric": "cpu", "value": 90}, {"service": "b", "metric": "cpu", "value": 10},
             {"service": "c", "metric": "boom", "tags": {"n": "not a number"}}, {"service": "d", "metric": "other"}]
            """);
        using (var bad = await _host.PostEventsAsync("""[{"metric": "cpu"}]"""))
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await PostAlertsAsync("""[{"labels": {"alertname": "Posted", "job": "x"}}, {"labels": {"alertname": "Posted", "job": "y"}}]""", HttpStatusCode.OK);
        await PostAlertsAsync("""[{"annotations": {}}]""", HttpStatusCode.BadRequest);
        await _host.SettleAsync();

        var metrics = await ScrapeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(metrics["rulehost_events_received_total"], Is.EqualTo(4));
            Assert.That(metrics["rulehost_events_evaluated_total"], Is.EqualTo(4));
            Assert.That(metrics["rulehost_rule_evaluations_total{rule=\"HighCpu\"}"], Is.EqualTo(2));
            Assert.That(metrics["rulehost_rule_faults_total{rule=\"Faulty\"}"], Is.EqualTo(1));
            Assert.That(metrics["rulehost_rule_faults_total{rule=\"HighCpu\"}"], Is.Zero);
            Assert.That(metrics, Does.ContainKey("rulehost_rule_evaluation_seconds_total{rule=\"HighCpu\"}"));
            Assert.That(metrics["rulehost_alerts{state=\"firing\"}"], Is.EqualTo(3), "HighCpu[a] and two posted alerts");
            Assert.That(metrics["rulehost_alerts{state=\"pending\"}"], Is.Zero);
            Assert.That(metrics["rulehost_ingest_rejections_total{endpoint=\"events\",reason=\"invalid\"}"], Is.EqualTo(1));
            Assert.That(metrics["rulehost_ingest_rejections_total{endpoint=\"alerts\",reason=\"invalid\"}"], Is.EqualTo(1));
            Assert.That(metrics["rulehost_alertmanager_alerts_received_total{status=\"firing\"}"], Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Each_host_instance_has_its_own_counters()
    {
        await _host.PostAcceptedAsync("""{"service": "a", "metric": "cpu", "value": 1}""");
        await _host.SettleAsync();
        await using var other = await HostFixture.StartAsync(("rules.csx", Rules));

        var fresh = await ScrapeAsync(other);

        Assert.That(fresh["rulehost_events_received_total"], Is.Zero);
        Assert.That((await ScrapeAsync())["rulehost_events_received_total"], Is.EqualTo(1));
    }

    [Test]
    public async Task Metrics_are_Prometheus_text_with_help_and_type()
    {
        using var response = await _host.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        Assert.That(text, Does.Contain("# TYPE rulehost_events_received_total counter"));
        Assert.That(text, Does.Contain("# TYPE rulehost_alerts gauge"));
    }

    private async Task PostAlertsAsync(string body, HttpStatusCode expected)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _host.Http.PostAsync("/api/v2/alerts", content);
        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
    }

    private Task<Dictionary<string, double>> ScrapeAsync() => ScrapeAsync(_host);

    /// <summary>ScrapeAsync reads every sample line as "name{labels}" → value.</summary>
    private static async Task<Dictionary<string, double>> ScrapeAsync(HostFixture host)
    {
        var text = await host.Http.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
