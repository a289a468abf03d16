using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace RuleHost.LoadTest;

/// <summary>HostProcess runs <c>rulehost run</c> as a child process on a free loopback port over a temp rules folder.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private readonly string _hostDll;

    private HostProcess(string hostDll, Process process, string root, Uri url)
    {
        _hostDll = hostDll;
        _process = process;
        Root = root;
        Rules = Path.Combine(root, "rules");
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Root holds rules/ and data/ (the state store), side by side as in a real deployment.</summary>
    public string Root { get; }

    public string Rules { get; }

    public HttpClient Http { get; }

    public int Pid => _process.Id;

    public static async Task<HostProcess> StartAsync(string hostDll, IDictionary<string, string> files)
    {
        var root = Directory.CreateTempSubdirectory("rulehost-load-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "rules"));
        foreach (var (name, text) in files)
            await File.WriteAllTextAsync(Path.Combine(root, "rules", name), text);
        return await StartInAsync(hostDll, root);
    }

    /// <summary>KillAndRestartAsync sends SIGKILL, then starts a new host on the same folders; it returns the new host and how long it took to answer.</summary>
    public async Task<(HostProcess Host, TimeSpan Ready)> KillAndRestartAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        Http.Dispose();
        var clock = Stopwatch.StartNew();
        var next = await StartInAsync(_hostDll, Root);
        return (next, clock.Elapsed);
    }

    private static async Task<HostProcess> StartInAsync(string hostDll, string root)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [hostDll, "run", "--rules", Path.Combine(root, "rules"), "--data", Path.Combine(root, "data"), "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && (line.Contains("Restored", StringComparison.Ordinal) || line.Contains("journaled", StringComparison.Ordinal)))
                Console.WriteLine($"  host: {line.Trim()}");
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"host: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(hostDll, process, root, new Uri($"http://127.0.0.1:{port}"));
        await host.WaitReadyAsync();
        return host;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>ResidentMegabytes reads the child's resident set (VmRSS) from /proc.</summary>
    public double ResidentMegabytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    private async Task WaitReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the host exited with {_process.ExitCode}");
            try
            {
                using var response = await Http.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the host did not become ready in 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
