using System.Text.Json;

namespace RuleHost.Engine.Ingest;

/// <summary>KnownFields maps JSON property names to <see cref="KnownField"/> and back without allocating.</summary>
internal static class KnownFields
{
    private const int LongestEscapedName = 11 * 6; // "environment", every byte written as \uXXXX

    private static readonly string[] Names =
        ["", "id", "timestamp", "service", "environment", "metric", "value", "severity", "message", "tags"];

    public static string NameOf(KnownField field) => Names[(int)field];

    /// <summary>Identify names the reader's current property name, which may be written with escapes.</summary>
    public static KnownField Identify(ref Utf8JsonReader json)
    {
        if (!json.ValueIsEscaped)
        {
            return Identify(json.ValueSpan);
        }

        if (json.ValueSpan.Length > LongestEscapedName)
        {
            return KnownField.None;
        }

        Span<byte> name = stackalloc byte[LongestEscapedName];
        try
        {
            return Identify(name[..json.CopyString(name)]);
        }
        catch (InvalidOperationException)
        {
            return KnownField.None; // a broken escape is reported when the name is read as an other field
        }
    }

    /// <summary>Identify matches the unescaped UTF-8 name exactly; names are case-sensitive, so "Service" is an other field.</summary>
    public static KnownField Identify(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("id"u8) => KnownField.Id,
        4 when name.SequenceEqual("tags"u8) => KnownField.Tags,
        5 when name.SequenceEqual("value"u8) => KnownField.Value,
        6 when name.SequenceEqual("metric"u8) => KnownField.Metric,
        7 when name.SequenceEqual("service"u8) => KnownField.Service,
        7 when name.SequenceEqual("message"u8) => KnownField.Message,
        8 when name.SequenceEqual("severity"u8) => KnownField.Severity,
        9 when name.SequenceEqual("timestamp"u8) => KnownField.Timestamp,
        11 when name.SequenceEqual("environment"u8) => KnownField.Environment,
        _ => KnownField.None,
    };
}
