using System.Diagnostics;

namespace RuleHost.LoadTest.Compare;

/// <summary>QuietWait waits until the benchmarked processes have stopped working, so that the next round does not share the cores with the last one's leftovers.</summary>
/// <remarks>
/// A system may keep working after its last notification arrived (RuleHost writes the audit trail and its state;
/// Alertmanager flushes groups). "Quiet" is: all the processes together used less than 5% of one core over one second,
/// read from <c>/proc/PID/stat</c> (user + system time of every thread).
/// </remarks>
internal static class QuietWait
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private const double QuietShare = 0.05;

    /// <summary>UntilQuietAsync returns how long it waited; it gives up after a minute and says so on the console.</summary>
    public static async Task<TimeSpan> UntilQuietAsync(IReadOnlyList<int> pids)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Timeout)
        {
            var before = CpuTime.OfProcesses(pids);
            await Task.Delay(Window);
            if (CpuTime.OfProcesses(pids) - before < QuietShare * Window.TotalSeconds)
                return clock.Elapsed;
        }

        Console.WriteLine($"  warning: the processes {string.Join(',', pids)} were still busy after {Timeout.TotalSeconds:F0} s; going on");
        return clock.Elapsed;
    }
}
