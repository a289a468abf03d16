using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Delivery;
using RuleHost.Engine.Silences;
using RuleHost.Engine.Templates;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Delivery.Support;

/// <summary>DeliveryHost runs the real host with the test sinks, renderer and muter, over a real data folder (which a second host may reuse).</summary>
internal sealed class DeliveryHost : IAsyncDisposable
{
    private readonly bool _ownsFolder;

    private DeliveryHost(RuleFolder folder, WebApplication app, LogRecorder logs, bool ownsFolder)
    {
        Folder = folder;
        App = app;
        Logs = logs;
        _ownsFolder = ownsFolder;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address), Timeout = HostFixture.Timeout };
    }

    public RuleFolder Folder { get; }

    public WebApplication App { get; }

    public LogRecorder Logs { get; }

    public HttpClient Http { get; }

    /// <summary>Config makes a rulehost.json with the given targets (name → JSON object text) and delivery settings suited to quick tests.</summary>
    public static string Config(string targets, string delivery = "", string attemptTimeout = "00:00:05") => $$"""
        { "RuleHost": {
            "Delivery": { "RetryDelay": "00:00:00.020", "MaxInMemoryWait": "00:00:00.500", "AttemptTimeout": "{{attemptTimeout}}" {{delivery}} },
            "Targets": { {{targets}} } } }
        """;

    public static Task<DeliveryHost> StartAsync(string config, TestSinks sinks, TimeProvider? clock = null, params (string File, string Source)[] rules) =>
        StartAsync(new RuleFolder(), ownsFolder: true, config, sinks, clock, rules);

    /// <summary>StartAsync starts a host on an existing folder (rules, data and config), as a restart would.</summary>
    public static async Task<DeliveryHost> StartAsync(RuleFolder folder, bool ownsFolder, string config, TestSinks sinks, TimeProvider? clock = null, params (string File, string Source)[] rules)
    {
        foreach (var (file, source) in rules)
            folder.Write(file, source);
        var logs = new LogRecorder();
        var app = RuleHostApp.Build(
            new HostSettings(RulesPath: folder.Rules, ConfigFile: folder.WriteConfig(config), DataPath: folder.Data, Urls: "http://127.0.0.1:0"),
            services =>
            {
                services.Replace(ServiceDescriptor.Singleton<TextWriter>(TextWriter.Null));
                services.AddLogging(b => b.ClearProviders().AddProvider(logs));
                services.AddSingleton<ISinkCatalog>(sinks);
                services.AddSingleton<INotificationRenderer, TestRenderer>();
                services.AddSingleton<IMuter, TestMuter>();
                if (clock is not null)
                    services.Replace(ServiceDescriptor.Singleton(clock));
            });
        try
        {
            await app.StartAsync();
        }
        catch (Exception)
        {
            await app.DisposeAsync();
            if (ownsFolder)
                folder.Dispose();
            throw;
        }

        return new DeliveryHost(folder, app, logs, ownsFolder);
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Notify hands a transition to the notification entry as the evaluation thread would (used for acknowledgements and synthetic alerts).</summary>
    public void Notify(Alert alert, AlertState? previous) => Service<AlertNotifier>().OnTransition(new AlertTransition(alert, previous));

    public async Task<HttpResponseMessage> PostJsonAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await Http.PostAsync(path, content);
    }

    public async Task<JsonArray> NotificationsAsync(string query = "")
    {
        using var response = await Http.GetAsync("/api/v1/notifications" + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonNode.Parse(text)!.AsArray();
    }

    /// <summary>WaitForNotificationsAsync polls the audit trail until <paramref name="done"/> holds.</summary>
    public async Task<JsonArray> WaitForNotificationsAsync(string query, Func<JsonArray, bool> done, string what)
    {
        using var timeout = new CancellationTokenSource(HostFixture.Timeout);
        while (true)
        {
            var found = await NotificationsAsync(query);
            if (done(found))
                return found;
            try
            {
                await Task.Delay(10, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out waiting for {what}; audit: {found.ToJsonString()}\nlog:\n{string.Join("\n", Logs.Lines)}");
            }
        }
    }

    public static Alert Alert(string rule, string key, params string[] targets) => new()
    {
        Fingerprint = Fingerprint.Of(rule, key),
        Rule = rule,
        Key = key,
        State = AlertState.Firing,
        Summary = $"{rule} on {key}",
        StartsAt = DateTimeOffset.UtcNow,
        FiredAt = DateTimeOffset.UtcNow,
        Targets = targets,
    };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownsFolder)
            Folder.Dispose();
    }
}
