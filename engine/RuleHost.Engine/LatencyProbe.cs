namespace RuleHost.Engine;
public static class LatencyProbe
{
    public static readonly long[] T = new long[16];
    public static void Mark(int i) => T[i] = System.Diagnostics.Stopwatch.GetTimestamp();
}
