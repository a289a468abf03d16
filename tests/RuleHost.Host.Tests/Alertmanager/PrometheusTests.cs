using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Alertmanager;

/// <summary>A real Prometheus (Debian package prometheus) with RuleHost as its Alertmanager: its firing alert arrives as a RuleHost alert.</summary>
public sealed class PrometheusTests
{
    private const string RuleFile = """
        groups:
          - name: rulehost-test
            interval: 1s
            rules:
              - alert: PrometheusAlwaysFiring
                expr: vector(1)
                for: 0s
                labels:
                  severity: critical
                annotations:
                  summary: fired by a real Prometheus
        """;

    private HostFixture _host = null!;
    private ChildProcess? _prometheus;
    private string _work = null!;

    [SetUp]
    public async Task Start()
    {
        _host = await HostFixture.StartAsync();
        _work = Directory.CreateTempSubdirectory("rulehost-prometheus-").FullName;
    }

    [TearDown]
    public async Task Stop()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed && _prometheus is not null)
            TestContext.Out.WriteLine("prometheus output:\n  " + string.Join("\n  ", _prometheus.Output));
        _host.ReportIfFailed();
        _prometheus?.Dispose();
        await _host.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Test]
    public async Task A_Prometheus_alert_arrives_as_an_alert_of_its_alertname()
    {
        var hostPort = _host.Http.BaseAddress!.Port;
        File.WriteAllText(Path.Combine(_work, "rules.yml"), RuleFile);
        var config = Path.Combine(_work, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              evaluation_interval: 1s
            alerting:
              alertmanagers:
                - api_version: v2
                  static_configs:
                    - targets: ['127.0.0.1:{hostPort}']
            rule_files:
              - {Path.Combine(_work, "rules.yml")}
            """);

        _prometheus = ChildProcess.Start(
            "prometheus",
            "prometheus",
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(_work, "data")}",
            $"--web.listen-address=127.0.0.1:{ChildProcess.FreePort()}",
            // Prometheus finds its Alertmanagers a few seconds after the first evaluation, and only re-sends a firing
            // alert after the resend delay (1m by default): a short one makes the first delivery prompt.
            "--rules.alert.resend-delay=1s");

        var alerts = await _host.WaitForAsync(
            "/api/v1/alerts?rule=PrometheusAlwaysFiring",
            a => a.AsArray().Count > 0 || _prometheus.HasExited,
            "Prometheus to deliver PrometheusAlwaysFiring");
        Assert.That(_prometheus.HasExited, Is.False, "prometheus exited early");
        var alert = alerts.AsArray().Single()!;
        Assert.That((string?)alert["state"], Is.EqualTo("firing"));
        Assert.That((string?)alert["key"], Is.EqualTo("severity=critical"));
        Assert.That((string?)alert["severity"], Is.EqualTo("critical"));
        Assert.That((string?)alert["summary"], Is.EqualTo("fired by a real Prometheus"));
    }
}
