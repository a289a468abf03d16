using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RuleHost.Host.Tests.Support;

/// <summary>HostFixture runs the real host (Kestrel on 127.0.0.1, port 0) over a real temporary rules folder, with an HttpClient and waits that poll the API.</summary>
/// <remarks>Every wait polls an endpoint until a condition holds or <see cref="Timeout"/> passes; no test sleeps or asserts how long anything took.</remarks>
internal sealed class HostFixture : IAsyncDisposable
{
    /// <summary>Timeout bounds every wait; generous because CI is a small machine, and never asserted.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    private bool _keepFolder;

    private HostFixture(RuleFolder folder, WebApplication app, ConsoleRecorder console, LogRecorder logs)
    {
        Folder = folder;
        App = app;
        Console = console;
        Logs = logs;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address), Timeout = Timeout };
    }

    public RuleFolder Folder { get; }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    /// <summary>Console is what the console notifier printed: one line per alert that fired or resolved.</summary>
    public ConsoleRecorder Console { get; }

    public LogRecorder Logs { get; }

    public static Task<HostFixture> StartAsync(params (string File, string Source)[] files) => StartAsync(null, files);

    /// <summary>StartAsync writes the rule files, then starts the host on them; <paramref name="configJson"/>, if given, is its rulehost.json.</summary>
    public static Task<HostFixture> StartAsync(string? configJson, params (string File, string Source)[] files)
    {
        var folder = new RuleFolder();
        foreach (var (file, source) in files)
            folder.Write(file, source);
        return StartOnAsync(folder, configJson);
    }

    /// <summary>StartOnAsync starts the host on an existing folder (rules, data, config), with extra services such as a fake clock; <paramref name="keepFolder"/> leaves the folder for a restart.</summary>
    public static async Task<HostFixture> StartOnAsync(RuleFolder folder, string? configJson = null, Action<IServiceCollection>? extra = null, bool keepFolder = false)
    {
        var existing = Path.Combine(folder.Root, "rulehost.json");
        var config = configJson is not null ? folder.WriteConfig(configJson) : File.Exists(existing) ? existing : null;
        var console = new ConsoleRecorder();
        var logs = new LogRecorder();
        var app = RuleHostApp.Build(
            new HostSettings(RulesPath: folder.Rules, ConfigFile: config, DataPath: folder.Data, Urls: "http://127.0.0.1:0"),
            services =>
            {
                services.Replace(ServiceDescriptor.Singleton<TextWriter>(console));
                services.AddLogging(b => b.ClearProviders().AddProvider(logs));
                extra?.Invoke(services);
            });
        await app.StartAsync();
        return new HostFixture(folder, app, console, logs) { _keepFolder = keepFolder };
    }

    /// <summary>RestartAsync stops this host gracefully and starts a new one on the same rules, data and config.</summary>
    public async Task<HostFixture> RestartAsync()
    {
        _keepFolder = true;
        await DisposeAsync();
        return await StartOnAsync(Folder);
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public async Task<HttpResponseMessage> PostEventsAsync(string body, string contentType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        return await Http.PostAsync("/api/v1/events", content);
    }

    /// <summary>PostAcceptedAsync posts events and insists on 202; it returns the accepted count.</summary>
    public async Task<int> PostAcceptedAsync(string body, string contentType = "application/json")
    {
        using var response = await PostEventsAsync(body, contentType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), text);
        return (int)JsonNode.Parse(text)!["accepted"]!;
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {path}: {text}");
        return JsonNode.Parse(text)!;
    }

    public Task<JsonNode> HealthAsync() => GetJsonAsync("/healthz");

    /// <summary>SettleAsync waits until every event accepted so far has been evaluated, so alerts and counters reflect them.</summary>
    public Task SettleAsync() =>
        WaitForAsync("/healthz", h => (long)h["evaluated"]! >= (long)h["received"]!, "every received event to be evaluated");

    /// <summary>WaitForAsync polls a GET endpoint until <paramref name="done"/> holds for its JSON, and returns that JSON.</summary>
    public async Task<JsonNode> WaitForAsync(string path, Func<JsonNode, bool> done, string what)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var json = await GetJsonAsync(path);
            if (done(json))
                return json;
            try
            {
                await Task.Delay(PollEvery, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out waiting for {what}; last GET {path}: {json.ToJsonString()}");
            }
        }
    }

    /// <summary>RuleFileAsync reads one file's entry of GET /api/v1/rules (path relative to the rules folder), or null.</summary>
    public async Task<JsonObject?> RuleFileAsync(string file) => FileIn(await GetJsonAsync("/api/v1/rules"), file);

    public async Task<JsonObject> WaitForRuleFileAsync(string file, Func<JsonObject, bool> done, string what)
    {
        var rules = await WaitForAsync("/api/v1/rules", r => FileIn(r, file) is { } f && done(f), $"{file}: {what}");
        return FileIn(rules, file)!;
    }

    public static JsonObject? FileIn(JsonNode rules, string file) =>
        rules.AsArray().OfType<JsonObject>().FirstOrDefault(f => (string?)f["path"] == file);

    public static JsonObject? RuleIn(JsonObject file, string rule) =>
        file["rules"]!.AsArray().OfType<JsonObject>().FirstOrDefault(r => (string?)r["name"] == rule);

    public async Task<JsonArray> AlertsAsync(string query = "") => (await GetJsonAsync("/api/v1/alerts" + query)).AsArray();

    /// <summary>AlertAsync finds the alert of one rule and key, or null.</summary>
    public async Task<JsonObject?> AlertAsync(string rule, string key) =>
        (await AlertsAsync($"?rule={Uri.EscapeDataString(rule)}&key={Uri.EscapeDataString(key)}")).OfType<JsonObject>().SingleOrDefault();

    public async Task<JsonObject> WaitForAlertAsync(string rule, string key, string state)
    {
        var query = $"/api/v1/alerts?rule={Uri.EscapeDataString(rule)}&key={Uri.EscapeDataString(key)}";
        var alerts = await WaitForAsync(query, a => a.AsArray().Any(x => (string?)x!["state"] == state), $"{rule}[{key}] to be {state}");
        return alerts.AsArray().OfType<JsonObject>().Single();
    }

    /// <summary>ReportIfFailed prints the host's log and console lines when the current test failed; call it from [TearDown].</summary>
    public void ReportIfFailed()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Failed)
            return;
        TestContext.Out.WriteLine("host log:\n  " + string.Join("\n  ", Logs.Lines));
        TestContext.Out.WriteLine("console:\n  " + string.Join("\n  ", Console.Lines));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (!_keepFolder)
            Folder.Dispose();
    }
}
