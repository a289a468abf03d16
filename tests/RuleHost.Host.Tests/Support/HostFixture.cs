using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Hosting;
using RuleHost.Engine.Rules;

namespace RuleHost.Host.Tests.Support;

/// <summary>HostFixture runs the real host on Kestrel (127.0.0.1, a free port) over a real temporary rules folder.</summary>
internal sealed class HostFixture : IAsyncDisposable, IAlertObserver
{
    private readonly List<Action> _waiters = [];

    private HostFixture(string root) => Root = root;

    public string Root { get; }

    public WebApplication App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>ConsoleText is what the console notifier printed.</summary>
    public string ConsoleText => _console.ToString();

    private readonly StringWriter _console = new();

    public RuleCatalog Catalog => App.Services.GetRequiredService<RuleCatalog>();

    public EvaluationLoop Loop => App.Services.GetRequiredService<EvaluationLoop>();

    public AlertIndex Alerts => App.Services.GetRequiredService<AlertIndex>();

    public static async Task<HostFixture> StartAsync(IDictionary<string, string> files, Action<RuleHostOptions>? configure = null)
    {
        var fixture = new HostFixture(Directory.CreateTempSubdirectory("rulehost-host-").FullName);
        foreach (var (name, text) in files)
            fixture.Write(name, text);
        var app = RuleHostApp.Build(new HostSettings(RulesPath: fixture.Root, DataPath: Path.Combine(fixture.Root, ".data"), Urls: "http://127.0.0.1:0"), services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TextWriter>(TextWriter.Synchronized(fixture._console)));
            services.AddSingleton<IAlertObserver>(fixture);
            if (configure is not null)
                services.Configure(configure);
        });
        fixture.App = app;
        await app.StartAsync();
        fixture.Loop.Progressed += fixture.Wake;
        app.Services.GetRequiredService<RuleReloadService>().Refreshed += fixture.Wake;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fixture.Http = new HttpClient { BaseAddress = new Uri(address) };
        return fixture;
    }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public Task<HttpResponseMessage> PostAsync(string body, string contentType = "application/json")
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return Http.PostAsync("/api/v1/events", content);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"GET {path}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>WaitUntilAsync re-checks a condition each time the host signals progress (a reload, a drained queue, an alert change).</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!condition())
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_waiters)
                _waiters.Add(() => signal.TrySetResult());
            if (condition())
                break;
            try
            {
                await signal.Task.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out after {seconds} s waiting for {what}");
            }
        }
    }

    /// <summary>FileVersion is the loaded version of a rule file (path relative to the rules folder), 0 when none.</summary>
    public int FileVersion(string path) => Catalog.Status.FirstOrDefault(f => f.Path == path)?.Version ?? 0;

    public bool FileFailed(string path) => Catalog.Status.FirstOrDefault(f => f.Path == path)?.Error == true;

    public Alert? Alert(string rule, string key) => Alerts.All.FirstOrDefault(a => a.Rule == rule && a.Key == key);

    public void OnTransition(AlertTransition transition) => Wake();

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // the OS temp cleaner takes what a closing watcher still held
        }
    }

    private void Wake()
    {
        Action[] waiters;
        lock (_waiters)
        {
            waiters = [.. _waiters];
            _waiters.Clear();
        }

        foreach (var wake in waiters)
            wake();
    }
}
