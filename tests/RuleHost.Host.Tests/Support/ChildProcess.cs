using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RuleHost.Host.Tests.Support;

/// <summary>ChildProcess runs a real server binary (Prometheus, Alertmanager) for a test, keeps its output for the failure report and kills it on dispose.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
                return [.. _output];
        }
    }

    /// <summary>Start runs <paramref name="program"/> found on PATH; a missing program fails the test with what to install (never a skip).</summary>
    public static ChildProcess Start(string program, string debianPackage, params string[] arguments)
    {
        var path = Find(program);
        if (path is null)
            Assert.Fail($"'{program}' is not installed (not found on PATH); install the Debian package: apt-get install -y --no-install-recommends {debianPackage} (.ci/run does this)");
        var start = new ProcessStartInfo(path!, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {path}"));
    }

    /// <summary>KillAsync sends SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    /// <summary>FreePort asks the OS for a loopback port nobody listens on.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
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

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
