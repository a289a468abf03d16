namespace RuleHost.Engine.Ingest;

/// <summary>Rfc3339 parses an RFC 3339 date-time from UTF-8: a full date, a full time and an offset, nothing less.</summary>
/// <remarks>
/// Hand-written because the general ISO 8601 parsers accept date-only and offset-less values,
/// which would silently read as local time. Fractions past 7 digits are truncated (ticks are
/// 100 ns); a leap second (:60) is refused because DateTimeOffset cannot hold it.
/// </remarks>
internal static class Rfc3339
{
    private const int MaxOffsetMinutes = 14 * 60;

    public static bool TryParse(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 20
            || !TryDigits(s[..4], out var year) || s[4] != '-'
            || !TryDigits(s.Slice(5, 2), out var month) || s[7] != '-'
            || !TryDigits(s.Slice(8, 2), out var day)
            || s[10] is not ((byte)'T' or (byte)'t' or (byte)' ')
            || !TryDigits(s.Slice(11, 2), out var hour) || s[13] != ':'
            || !TryDigits(s.Slice(14, 2), out var minute) || s[16] != ':'
            || !TryDigits(s.Slice(17, 2), out var second))
        {
            return false;
        }

        var rest = s[19..];
        if (!TryFraction(ref rest, out var fractionTicks) || !TryOffset(rest, out var offsetMinutes))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var localTicks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks;
        var utcTicks = localTicks - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        // DateTimeOffset holds offsets up to ±14:00; RFC 3339 allows more, so those keep the instant in UTC.
        value = Math.Abs(offsetMinutes) <= MaxOffsetMinutes
            ? new DateTimeOffset(localTicks, TimeSpan.FromMinutes(offsetMinutes))
            : new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return true;
    }

    private static bool TryFraction(ref ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = 0;
        if (s.IsEmpty || s[0] != '.')
        {
            return true;
        }

        var digits = 1;
        while (digits < s.Length && IsDigit(s[digits]))
        {
            if (digits <= 7)
            {
                ticks = (ticks * 10) + (s[digits] - '0');
            }

            digits++;
        }

        for (var scale = digits; scale <= 7; scale++)
        {
            ticks *= 10;
        }

        s = s[digits..];
        return digits > 1;
    }

    private static bool TryOffset(ReadOnlySpan<byte> s, out int minutes)
    {
        minutes = 0;
        if (s.Length == 1)
        {
            return s[0] is (byte)'Z' or (byte)'z';
        }

        if (s.Length != 6 || s[0] is not ((byte)'+' or (byte)'-') || s[3] != ':'
            || !TryDigits(s.Slice(1, 2), out var hours) || !TryDigits(s.Slice(4, 2), out var mins)
            || hours > 23 || mins > 59)
        {
            return false;
        }

        minutes = (s[0] == '-' ? -1 : 1) * ((hours * 60) + mins);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            if (!IsDigit(b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
