using System.Globalization;
using System.Security.Cryptography;

namespace RuleHost.Engine.Ingest;

/// <summary>EventIdGenerator makes ids for events sent without one: a random per-run prefix plus a counter.</summary>
/// <remarks>
/// The random prefix keeps ids unique across restarts within the dedup window; the counter keeps
/// each id to one small allocation, which a Guid per event would not.
/// </remarks>
internal sealed class EventIdGenerator
{
    private readonly string _prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + "-";
    private long _last;

    public string Next()
    {
        var n = Interlocked.Increment(ref _last);
        return string.Create(CultureInfo.InvariantCulture, stackalloc char[48], $"{_prefix}{n:x}");
    }
}
