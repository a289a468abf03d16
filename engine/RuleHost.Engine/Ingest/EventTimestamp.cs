using System.Text.Json;

namespace RuleHost.Engine.Ingest;

/// <summary>EventTimestamp reads an event's <c>timestamp</c> value: an RFC 3339 string or unix seconds, maybe fractional.</summary>
internal static class EventTimestamp
{
    private const long MinSeconds = 0; // before 1970 is a sender's bug, not an event to alert on
    private const long EndSeconds = 253_402_300_800; // 10000-01-01T00:00:00Z, the first instant out of range
    private const int LongestRfc3339 = 64;

    /// <summary>TryRead reads the current String or Number token; any other token is not a timestamp.</summary>
    public static bool TryRead(ref Utf8JsonReader json, out DateTimeOffset value)
    {
        value = default;
        return json.TokenType switch
        {
            JsonTokenType.String => TryReadText(ref json, out value),
            JsonTokenType.Number => TryReadUnixSeconds(ref json, out value),
            _ => false,
        };
    }

    private static bool TryReadText(ref Utf8JsonReader json, out DateTimeOffset value)
    {
        value = default;
        if (!json.ValueIsEscaped)
        {
            return Rfc3339.TryParse(json.ValueSpan, out value);
        }

        if (json.ValueSpan.Length > LongestRfc3339)
        {
            return false;
        }

        Span<byte> text = stackalloc byte[LongestRfc3339];
        var length = json.CopyString(text);
        return Rfc3339.TryParse(text[..length], out value);
    }

    private static bool TryReadUnixSeconds(ref Utf8JsonReader json, out DateTimeOffset value)
    {
        value = default;
        if (json.TryGetInt64(out var whole))
        {
            return whole is >= MinSeconds and < EndSeconds && Set(whole * TimeSpan.TicksPerSecond, out value);
        }

        // decimal, not double: 1.7e9 seconds in a double loses the sub-microsecond digits a sender wrote.
        if (!json.TryGetDecimal(out var seconds) || seconds < MinSeconds || seconds >= EndSeconds)
        {
            return false;
        }

        return Set((long)decimal.Floor(seconds * TimeSpan.TicksPerSecond), out value);
    }

    private static bool Set(long ticksSinceEpoch, out DateTimeOffset value)
    {
        value = new DateTimeOffset(DateTimeOffset.UnixEpoch.Ticks + ticksSinceEpoch, TimeSpan.Zero);
        return true;
    }
}
