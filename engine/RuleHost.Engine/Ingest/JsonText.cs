using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace RuleHost.Engine.Ingest;

/// <summary>JsonText decodes the reader's current token to a string, refusing invalid UTF-8 and broken \u escapes.</summary>
/// <remarks>
/// The JSON reader does not validate UTF-8 inside strings and only finds a broken escape when
/// asked to decode it, by throwing; this turns both into a false return a field error can name.
/// </remarks>
internal static class JsonText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>TryRead decodes the current string or property name; <paramref name="strings"/> shares it when given.</summary>
    public static bool TryRead(ref Utf8JsonReader json, Utf8StringCache? strings, [NotNullWhen(true)] out string? text)
    {
        try
        {
            text = strings is null ? json.GetString()! : Shared(ref json, strings);
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or DecoderFallbackException)
        {
            text = null;
            return false;
        }
    }

    /// <summary>TryReadAny renders any value as text: strings as-is, numbers, booleans, objects and arrays as their JSON; null stays null.</summary>
    /// <param name="body">The reader's whole input, to slice an object's or array's raw text from.</param>
    public static bool TryReadAny(ref Utf8JsonReader json, ReadOnlySpan<byte> body, Utf8StringCache strings, out string? text)
    {
        switch (json.TokenType)
        {
            case JsonTokenType.String: return TryRead(ref json, strings, out text);
            case JsonTokenType.Number: text = strings.Get(json.ValueSpan); return true;
            case JsonTokenType.True: text = "true"; return true;
            case JsonTokenType.False: text = "false"; return true;
            case JsonTokenType.Null: text = null; return true;
        }

        var start = (int)json.TokenStartIndex;
        json.Skip();
        try
        {
            text = StrictUtf8.GetString(body[start..(int)json.BytesConsumed]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = null;
            return false;
        }
    }

    private static string Shared(ref Utf8JsonReader json, Utf8StringCache strings)
    {
        if (!json.ValueIsEscaped)
        {
            return strings.Get(json.ValueSpan);
        }

        // Unescaping never makes text longer, so a short escaped value still fits the cache's buffer.
        if (json.ValueSpan.Length > Utf8StringCache.MaxLength)
        {
            return json.GetString()!;
        }

        Span<byte> text = stackalloc byte[Utf8StringCache.MaxLength];
        return strings.Get(text[..json.CopyString(text)]);
    }
}
