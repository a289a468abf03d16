using System.Net;
using System.Text.Json.Nodes;

namespace RuleHost.Host.Tests.Support;

/// <summary>ChildHost runs <c>rulehost run</c> as a real child process over a <see cref="RuleFolder"/>, so a test can kill it with SIGKILL.</summary>
internal sealed class ChildHost : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private ChildHost(ChildProcess process, Uri url)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = url, Timeout = HostFixture.Timeout };
    }

    public HttpClient Http { get; }

    /// <summary>Output is what the host printed so far (stdout and stderr).</summary>
    public IReadOnlyList<string> Output => _process.Output;

    /// <summary>StartAsync starts the host on the folder's rules and data (and config if written) and waits until /healthz answers.</summary>
    public static async Task<ChildHost> StartAsync(RuleFolder folder)
    {
        var hostDll = Path.Combine(TestContext.CurrentContext.TestDirectory, "rulehost.dll");
        var url = $"http://127.0.0.1:{ChildProcess.FreePort()}";
        string[] args = [hostDll, "run", "--rules", folder.Rules, "--data", folder.Data, "--urls", url];
        var config = Path.Combine(folder.Root, "rulehost.json");
        if (File.Exists(config))
            args = [.. args, "--config", config];
        var host = new ChildHost(ChildProcess.Start("dotnet", "the .NET SDK", args), new Uri(url));
        await host.WaitReadyAsync();
        return host;
    }

    /// <summary>KillAsync sends SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public Task KillAsync() => _process.KillAsync();

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {path}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>WaitForAsync polls a GET endpoint until <paramref name="done"/> holds for its JSON.</summary>
    public async Task<JsonNode> WaitForAsync(string path, Func<JsonNode, bool> done, string what)
    {
        using var timeout = new CancellationTokenSource(HostFixture.Timeout);
        while (true)
        {
            var json = await GetJsonAsync(path);
            if (done(json))
                return json;
            try
            {
                await Task.Delay(20, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out waiting for {what}; last GET {path}: {json.ToJsonString()}\nhost output:\n{string.Join('\n', Output)}");
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Http.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitReadyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (_process.HasExited)
                Assert.Fail($"the host exited:\n{string.Join('\n', Output)}");
            try
            {
                using var response = await Http.GetAsync("/healthz", timeout.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"the host did not answer /healthz within 60 s:\n{string.Join('\n', Output)}");
            }
        }
    }
}
