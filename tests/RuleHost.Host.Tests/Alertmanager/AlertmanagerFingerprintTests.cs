using System.Text;
using System.Text.Json.Nodes;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Alertmanager;

/// <summary>The same alerts posted to a real Alertmanager (Debian package prometheus-alertmanager) and to RuleHost get the same fingerprints.</summary>
public sealed class AlertmanagerFingerprintTests
{
    private const string Batch = """
        [{"labels": {"alertname": "HighCpu", "instance": "web-1:9100", "job": "node"}},
         {"labels": {"alertname": "Watchdog"}},
         {"labels": {"alertname": "Ünïcødé", "zone": "eu-west-1", "severity": "critical"}},
         {"labels": {"alertname": "DiskFull", "path": "/var/log", "quote": "say \"hi\", ok", "empty": ""}},
         {"labels": {"alertname": "Emoji", "v": "🔥 fire", "Z_upper": "1", "a_lower": "2"}}]
        """;

    private HostFixture _host = null!;
    private ChildProcess? _alertmanager;
    private string _work = null!;

    [SetUp]
    public async Task Start()
    {
        _host = await HostFixture.StartAsync();
        _work = Directory.CreateTempSubdirectory("rulehost-alertmanager-").FullName;
    }

    [TearDown]
    public async Task Stop()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed && _alertmanager is not null)
            TestContext.Out.WriteLine("alertmanager output:\n  " + string.Join("\n  ", _alertmanager.Output));
        _alertmanager?.Dispose();
        await _host.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Test]
    public async Task Fingerprints_equal_those_of_a_real_Alertmanager()
    {
        var config = Path.Combine(_work, "am.yml");
        File.WriteAllText(config, "route:\n  receiver: none\nreceivers:\n  - name: none\n");
        var port = ChildProcess.FreePort();
        _alertmanager = ChildProcess.Start(
            "prometheus-alertmanager",
            "prometheus-alertmanager",
            $"--config.file={config}",
            $"--storage.path={Path.Combine(_work, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
            "--cluster.listen-address=");
        using var alertmanager = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = HostFixture.Timeout };
        await WaitReadyAsync(alertmanager);

        var expected = await PostAndListAsync(alertmanager);
        var actual = await PostAndListAsync(_host.Http);

        Assert.That(expected, Has.Count.EqualTo(5));
        Assert.That(actual, Is.EqualTo(expected), $"Alertmanager: {string.Join("; ", expected)}\nRuleHost: {string.Join("; ", actual)}");
    }

    /// <summary>PostAndListAsync posts the batch and returns label set → fingerprint as GET /api/v2/alerts reports them.</summary>
    private static async Task<Dictionary<string, string>> PostAndListAsync(HttpClient http)
    {
        using var content = new StringContent(Batch, Encoding.UTF8, "application/json");
        using var posted = await http.PostAsync("/api/v2/alerts", content);
        Assert.That(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        var alerts = JsonNode.Parse(await http.GetStringAsync("/api/v2/alerts"))!.AsArray();
        return alerts.ToDictionary(a => Canonical(a!["labels"]!.AsObject()), a => (string)a!["fingerprint"]!);
    }

    private static string Canonical(JsonObject labels) =>
        string.Join(",", labels.Select(l => $"{l.Key}={(string?)l.Value}").Order(StringComparer.Ordinal));

    private async Task WaitReadyAsync(HttpClient alertmanager)
    {
        using var timeout = new CancellationTokenSource(HostFixture.Timeout);
        while (true)
        {
            Assert.That(_alertmanager!.HasExited, Is.False, "alertmanager exited early");
            try
            {
                using var ready = await alertmanager.GetAsync("/-/ready", timeout.Token);
                if (ready.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(20, timeout.Token);
        }
    }
}
