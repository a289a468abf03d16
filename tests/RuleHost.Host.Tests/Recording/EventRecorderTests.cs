using RuleHost.Host.Cli;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Recording;

/// <summary>With RuleHost:Recording:Enabled the host writes what it accepts to NDJSON that <c>rulehost replay</c> reads back.</summary>
public sealed class EventRecorderTests
{
    private const string HighCpu = """Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).For(TimeSpan.FromMinutes(1)).KeyBy(e => e.Service);""";

    [Test]
    public async Task Recorded_events_replay_to_the_same_alerts()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"rulehost-recording-{Guid.NewGuid():N}.ndjson");
        var rules = Directory.CreateTempSubdirectory("rulehost-recording-rules-").FullName;
        await using (var host = await HostFixture.StartAsync("""{"RuleHost": {"Recording": {"Enabled": true}}}""", ("cpu.csx", HighCpu)))
        {
            File.Copy(host.Folder.PathOf("cpu.csx"), Path.Combine(rules, "cpu.csx"));
            await host.PostAcceptedAsync("""
                [{"service": "api", "metric": "cpu", "value": 91, "timestamp": "2026-11-26T10:00:00Z", "tags": {"zone": "a"}, "region": "eu"},
                 {"service": "api", "metric": "cpu", "value": 93, "timestamp": "2026-11-26T10:01:00Z"}]
                """);
            await host.PostAcceptedAsync("""{"service": "api", "metric": "cpu", "value": 10, "timestamp": "2026-11-26T10:02:00Z"}""", "application/x-ndjson");
            await host.WaitForAlertAsync("HighCpu", "api", "resolved");
            var recording = await WaitForLinesAsync(Path.Combine(host.Folder.Data, "recordings"), 3);
            await File.WriteAllLinesAsync(copy, ReadShared(recording));
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            var exit = await CommandLine.RunAsync(["replay", copy, "--rules", rules], output, error);

            Assert.That(exit, Is.Zero, error.ToString());
            Assert.That(output.ToString(), Does.Contain("2026-11-26 10:01:00 FIRING   HighCpu[api]").And.Contain("2026-11-26 10:02:00 RESOLVED HighCpu[api]"));
            Assert.That(File.ReadAllLines(copy)[0], Does.Contain("\"zone\":\"a\"").And.Contain("\"region\":\"eu\""));
        }
        finally
        {
            File.Delete(copy);
            Directory.Delete(rules, recursive: true);
        }
    }

    private static async Task<string> WaitForLinesAsync(string folder, int lines)
    {
        using var timeout = new CancellationTokenSource(HostFixture.Timeout);
        while (true)
        {
            var file = Directory.Exists(folder) ? Directory.GetFiles(folder, "events-*.ndjson").SingleOrDefault() : null;
            if (file is not null && ReadShared(file).Count(l => l.Length > 0) >= lines)
                return file;
            await Task.Delay(20, timeout.Token);
        }
    }

    private static string[] ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n');
    }
}
