using System.Diagnostics;

namespace RuleHost.LoadTest.Compare;

/// <summary>OtherLoad measures how much of the machine processes other than the benchmarked ones (and this tool) used over a stretch of time: the noise on a shared machine.</summary>
internal sealed class OtherLoad
{
    private readonly int[] _ours;
    private readonly double _machine;
    private readonly double _processes;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private OtherLoad(IReadOnlyList<int> benchmarked)
    {
        _ours = [.. benchmarked, Environment.ProcessId];
        _machine = CpuTime.OfMachine();
        _processes = CpuTime.OfProcesses(_ours);
    }

    /// <summary>Start begins measuring now.</summary>
    public static OtherLoad Start(IReadOnlyList<int> benchmarked) => new(benchmarked);

    /// <summary>Share is the others' CPU time since the start as a share of all cores (0.5 = one core of two busy).</summary>
    public double Share()
    {
        var others = CpuTime.OfMachine() - _machine - (CpuTime.OfProcesses(_ours) - _processes);
        return Math.Max(0, others / (_clock.Elapsed.TotalSeconds * Environment.ProcessorCount));
    }
}
