namespace RuleHost.LoadTest.Compare;

/// <summary>ReceivedRequest is one POST the latency receiver took: its <see cref="System.Diagnostics.Stopwatch"/> timestamp when its first bytes arrived, its path and body.</summary>
internal sealed record ReceivedRequest(long FirstByteTimestamp, string Path, string Body);
