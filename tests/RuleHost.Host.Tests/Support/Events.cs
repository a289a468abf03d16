using System.Globalization;

namespace RuleHost.Host.Tests.Support;

/// <summary>Events writes test events as JSON lines, with timestamps at offsets from a fixed start.</summary>
internal static class Events
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    public static string Cpu(string service, double value, int seconds) =>
        $$"""{"service": "{{service}}", "metric": "cpu", "value": {{value.ToString(CultureInfo.InvariantCulture)}}, "timestamp": "{{(Start + TimeSpan.FromSeconds(seconds)):O}}"}""";

    public static string Array(params string[] events) => $"[{string.Join(",", events)}]";

    public static string Lines(IEnumerable<string> events) => string.Join("\n", events);
}
