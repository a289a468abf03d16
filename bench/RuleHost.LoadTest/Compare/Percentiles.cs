namespace RuleHost.LoadTest.Compare;

/// <summary>Percentiles reads nearest-rank percentiles (the median of three rounds is the middle one).</summary>
internal static class Percentiles
{
    /// <summary>Of returns the value at or below which a share <paramref name="q"/> of the values lie (0 &lt; q ≤ 1).</summary>
    public static double Of(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }
}
