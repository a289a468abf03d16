using System.Numerics;
using System.Text;

namespace RuleHost.Engine.Ingest;

/// <summary>Utf8StringCache lets repeated short values (service, metric, tag names) share one string instead of one per event.</summary>
/// <remarks>
/// It is a fixed array of slots indexed by a hash of the bytes, and a new value simply replaces
/// whatever held its slot: memory stays bounded whatever the input, high-cardinality values only
/// cost a miss, and threads share it without locks because a slot is one reference write.
/// Only ASCII is cached, so a hit is a byte-to-char comparison with no decoding.
/// </remarks>
internal sealed class Utf8StringCache
{
    /// <summary>MaxLength is the longest value, in UTF-8 bytes, worth caching; longer values are rarely repeated.</summary>
    public const int MaxLength = 64;

    // The JSON reader does not validate UTF-8 inside strings, so decoding must refuse it rather than invent U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string?[] _slots;

    public Utf8StringCache(int slots = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _slots = new string?[(int)BitOperations.RoundUpToPowerOf2((uint)slots)];
    }

    /// <summary>Get decodes the bytes, sharing the string when it was seen before; invalid UTF-8 throws DecoderFallbackException.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return "";
        }

        if (utf8.Length > MaxLength || !Ascii.IsValid(utf8))
        {
            return StrictUtf8.GetString(utf8);
        }

        var hash = new HashCode();
        hash.AddBytes(utf8);
        var slot = hash.ToHashCode() & (_slots.Length - 1);
        var cached = _slots[slot];
        if (cached is not null && Ascii.Equals(utf8, cached))
        {
            return cached;
        }

        var value = Encoding.ASCII.GetString(utf8);
        _slots[slot] = value;
        return value;
    }
}
