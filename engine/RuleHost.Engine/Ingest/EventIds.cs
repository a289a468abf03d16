using System.Globalization;

namespace RuleHost.Engine.Ingest;

/// <summary>EventIds makes ids for events that came without one: unique per process run, cheap to make.</summary>
internal static class EventIds
{
    private static readonly string Prefix = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString("x", CultureInfo.InvariantCulture) + "-";
    private static long _next;

    public static string Next() => Prefix + Interlocked.Increment(ref _next).ToString("x", CultureInfo.InvariantCulture);
}
