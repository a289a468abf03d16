using System.Globalization;
using System.Text;

namespace RuleHost.Engine.Alertmanager;

/// <summary>LabelSetFingerprint is Alertmanager's alert identity: the hash of the label set (prometheus/common model.LabelSet.Fingerprint).</summary>
/// <remarks>
/// 64-bit FNV-1a over the UTF-8 bytes of each label name and value, names in byte order, each followed by the
/// separator byte 0xff; printed as 16 lower-case hex digits. Matching it bit for bit means an alert keeps the
/// fingerprint it had in Alertmanager, so receivers keyed on it (dedup keys) see the same alert.
/// </remarks>
internal static class LabelSetFingerprint
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;
    private const byte Separator = 0xff;

    /// <summary>Of hashes <paramref name="labels"/>; <paramref name="sortedNames"/> must hold its names in ordinal order.</summary>
    public static string Of(IReadOnlyDictionary<string, string> labels, ReadOnlySpan<string> sortedNames)
    {
        var hash = Offset;
        foreach (var name in sortedNames)
        {
            hash = Add(hash, name);
            hash = (hash ^ Separator) * Prime;
            hash = Add(hash, labels[name]);
            hash = (hash ^ Separator) * Prime;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>Add folds the UTF-8 encoding of <paramref name="text"/> into the hash without allocating.</summary>
    private static ulong Add(ulong hash, string text)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                hash = (hash ^ c) * Prime;
                continue;
            }

            // Lone surrogates become U+FFFD, as Go's string conversion of invalid UTF-16 would.
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var read);
            i += read - 1;
            var n = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..n])
                hash = (hash ^ b) * Prime;
        }

        return hash;
    }
}
