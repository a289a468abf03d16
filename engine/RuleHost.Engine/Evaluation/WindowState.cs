namespace RuleHost.Engine.Evaluation;

/// <summary>WindowState is a <see cref="SlidingWindow"/> as saved in the state store: its buckets and where it stands.</summary>
internal sealed record WindowState(long WindowTicks, long Head, DateTimeOffset Newest, long[] Counts, long[] Hits, double[] Sums, double[] Squares);
