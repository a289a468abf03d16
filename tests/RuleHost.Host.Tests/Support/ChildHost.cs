using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace RuleHost.Host.Tests.Support;

/// <summary>ChildHost runs <c>rulehost run</c> as a real child process over a <see cref="RuleFolder"/>, so a test can kill it with SIGKILL.</summary>
internal sealed class ChildHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ChildHost(Process process, Uri url)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = url, Timeout = HostFixture.Timeout };
    }

    public HttpClient Http { get; }

    /// <summary>Output is what the host printed so far (stdout and stderr).</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
                return [.. _output];
        }
    }

    /// <summary>StartAsync starts the host on the folder's rules and data (and config if written) and waits until /healthz answers.</summary>
    public static async Task<ChildHost> StartAsync(RuleFolder folder, params string[] extraArgs)
    {
        var hostDll = Path.Combine(TestContext.CurrentContext.TestDirectory, "rulehost.dll");
        var url = $"http://127.0.0.1:{FreePort()}";
        string[] args = [hostDll, "run", "--rules", folder.Rules, "--data", folder.Data, "--urls", url, .. extraArgs];
        var config = Path.Combine(folder.Root, "rulehost.json");
        if (File.Exists(config))
            args = [.. args, "--config", config];
        var process = Process.Start(new ProcessStartInfo("dotnet", args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder.Root,
        }) ?? throw new InvalidOperationException("could not start the host");
        var host = new ChildHost(process, new Uri(url));
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitReadyAsync();
        return host;
    }

    /// <summary>KillAsync sends SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

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
                Assert.Fail($"timed out waiting for {what}; last GET {path}: {json.ToJsonString()}\nhost output:\n{string.Join('\n', Output)}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.Add(line);
    }

    private async Task WaitReadyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (_process.HasExited)
                Assert.Fail($"the host exited with {_process.ExitCode}:\n{string.Join('\n', Output)}");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
