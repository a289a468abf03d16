using System.Globalization;

namespace RuleHost.LoadTest.Compare;

/// <summary>CpuTime reads CPU seconds used so far from <c>/proc</c>: by given processes (all their threads), and by the whole machine.</summary>
/// <remarks>Linux reports both in clock ticks of 1/100 s (USER_HZ).</remarks>
internal static class CpuTime
{
    private const double TicksPerSecond = 100;

    /// <summary>OfProcesses is the user + system time of the processes; it throws if one of them has exited.</summary>
    public static double OfProcesses(IEnumerable<int> pids) => pids.Sum(pid =>
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The fields after the command name (which may contain spaces) start at field 3; utime and stime are fields 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (Ticks(fields[11]) + Ticks(fields[12])) / TicksPerSecond;
    });

    /// <summary>OfMachine is the time all cores spent busy: user, nice, system, irq, softirq and steal.</summary>
    public static double OfMachine()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => Ticks(fields[i])) / TicksPerSecond;
    }

    private static long Ticks(string field) => long.Parse(field, CultureInfo.InvariantCulture);
}
