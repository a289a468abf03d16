using System.Text.Json;

namespace RuleHost.Engine.Ingest;

/// <summary>EventFields collects one item's fields while it is read, checking each known field's type.</summary>
internal ref struct EventFields
{
    private string? _id;
    private DateTimeOffset? _timestamp;
    private string? _environment;
    private string? _metric;
    private double? _value;
    private string? _severity;
    private string? _message;
    private Dictionary<string, string>? _tags;
    private Dictionary<string, string>? _extra;

    public string? Service { get; private set; }

    /// <summary>Read takes the value of one field (the reader stands on it) and returns a problem, or null.</summary>
    public (string Field, string Message)? Read(string name, ref Utf8JsonReader reader, ReadOnlySpan<byte> body)
    {
        switch (name)
        {
            case "id": return Text(ref reader, name, out _id);
            case "service":
                var problem = Text(ref reader, name, out var service);
                Service = service;
                return problem;
            case "environment": return Text(ref reader, name, out _environment);
            case "metric": return Text(ref reader, name, out _metric);
            case "severity": return Text(ref reader, name, out _severity);
            case "message": return Text(ref reader, name, out _message);
            case "value": return Number(ref reader, out _value);
            case "timestamp": return Timestamp(ref reader, out _timestamp);
            case "tags": return Tags(ref reader, out _tags);
            default:
                if (reader.TokenType != JsonTokenType.Null)
                    (_extra ??= new(StringComparer.Ordinal))[name] = reader.TokenType == JsonTokenType.String
                        ? reader.GetString()!
                        : EventParser.RawText(ref reader, body);
                return null;
        }
    }

    public readonly Event ToEvent(DateTimeOffset now) => new()
    {
        Id = _id ?? EventIds.Next(),
        Timestamp = _timestamp ?? now,
        Service = Service!,
        Environment = _environment,
        Metric = _metric,
        Value = _value,
        Severity = _severity,
        Message = _message,
        Tags = _tags is null ? EventTags.Empty : new EventTags(_tags),
        Fields = _extra ?? (IReadOnlyDictionary<string, string>)EventTags.Empty,
    };

    private static (string, string)? Text(ref Utf8JsonReader reader, string name, out string? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.String)
        {
            var got = EventParser.Describe(reader.TokenType);
            reader.Skip();
            return (name, $"{name} must be a string, got {got}");
        }

        value = reader.GetString();
        return null;
    }

    private static (string, string)? Number(ref Utf8JsonReader reader, out double? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var v) && double.IsFinite(v))
        {
            value = v;
            return null;
        }

        var got = EventParser.Describe(reader.TokenType);
        reader.Skip();
        return ("value", $"value must be a number, got {got}");
    }

    private static (string, string)? Timestamp(ref Utf8JsonReader reader, out DateTimeOffset? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when reader.TryGetDateTimeOffset(out var at):
                value = at;
                return null;
            case JsonTokenType.Number when reader.TryGetDouble(out var seconds) && seconds is >= 0 and < 253402300800:
                value = DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
                return null;
            default:
                reader.Skip();
                return ("timestamp", "timestamp must be an RFC 3339 string or unix seconds");
        }
    }

    private static (string, string)? Tags(ref Utf8JsonReader reader, out Dictionary<string, string>? tags)
    {
        tags = null;
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return ("tags", "tags must be an object of string values");
        }

        tags = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                var got = EventParser.Describe(reader.TokenType);
                reader.Skip();
                SkipRestOfObject(ref reader);
                return ($"tags.{name}", $"tags must be an object of string values; tags.{name} is {got}");
            }

            tags[name] = reader.GetString()!;
        }

        return null;
    }

    /// <summary>SkipRestOfObject moves from the end of one property's value to the end of its object, whatever the other values hold.</summary>
    private static void SkipRestOfObject(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            reader.Skip();
    }
}
