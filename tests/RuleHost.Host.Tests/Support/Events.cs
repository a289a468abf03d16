using System.Text.Json;

namespace RuleHost.Host.Tests.Support;

/// <summary>Events builds ingest bodies: events carry their own timestamps, counted from a fixed <see cref="T0"/>.</summary>
internal static class Events
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    public static object Metric(string service, string metric, double value, TimeSpan at, object? tags = null) =>
        tags is null
            ? new { service, metric, value, timestamp = T0 + at }
            : new { service, metric, value, timestamp = T0 + at, tags };

    public static object Cpu(string service, double value, TimeSpan at, object? tags = null) => Metric(service, "cpu", value, at, tags);

    /// <summary>Json is one object for one event, else an array.</summary>
    public static string Json(params object[] events) =>
        events.Length == 1 ? JsonSerializer.Serialize(events[0]) : JsonSerializer.Serialize(events);

    public static string Ndjson(IEnumerable<object> events) => string.Concat(events.Select(e => JsonSerializer.Serialize(e) + "\n"));

    public static TimeSpan Minutes(double m) => TimeSpan.FromMinutes(m);
}
