using System.Collections.ObjectModel;
using System.Text.Json;

namespace RuleHost.Engine.Ingest;

/// <summary>EventObjectReader reads one JSON object of a request body into an <see cref="Event"/>, reporting every bad field.</summary>
/// <remarks>One instance per object; it holds the fields read so far. The JSON reader is passed in by ref because a ref struct cannot hold another by ref.</remarks>
internal ref struct EventObjectReader
{
    private const string TimestampRule = "timestamp must be an RFC 3339 string or unix seconds";

    private readonly ReadOnlySpan<byte> _body;
    private readonly int _item;
    private readonly IngestErrorList _errors;
    private readonly Utf8StringCache _strings;

    private int _seen; // one bit per KnownField, to refuse a field given twice
    private bool _serviceGiven;
    private string? _id, _service, _environment, _metric, _severity, _message;
    private DateTimeOffset? _timestamp;
    private double? _value;
    private Dictionary<string, string>? _tags, _fields;

    /// <param name="body">The JSON reader's whole input, for the raw text of object and array fields.</param>
    public EventObjectReader(ReadOnlySpan<byte> body, int item, IngestErrorList errors, Utf8StringCache strings)
    {
        _body = body;
        _item = item;
        _errors = errors;
        _strings = strings;
    }

    /// <summary>IdGiven tells whether the object carried its own id (only those are checked for repeats).</summary>
    public readonly bool IdGiven => _id is not null;

    /// <summary>Read starts on the object's StartObject and ends on its EndObject; it returns null once this or any earlier item had an error.</summary>
    public Event? Read(ref Utf8JsonReader json, DateTimeOffset now, EventIdGenerator ids)
    {
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            ReadProperty(ref json);
        }

        if (!_serviceGiven)
        {
            Fail("service", "service is required");
        }

        // All-or-nothing: once the body is refused, building events is wasted work.
        if (_errors.Count > 0 || _service is null)
        {
            return null;
        }

        return new Event
        {
            Id = _id ?? ids.Next(),
            Timestamp = _timestamp ?? now,
            Service = _service,
            Environment = _environment,
            Metric = _metric,
            Value = _value,
            Severity = _severity,
            Message = _message,
            Tags = _tags is null ? EventTags.Empty : new EventTags(_tags),
            Fields = _fields ?? (IReadOnlyDictionary<string, string>)ReadOnlyDictionary<string, string>.Empty,
        };
    }

    private void ReadProperty(ref Utf8JsonReader json)
    {
        var field = KnownFields.Identify(ref json);
        if (field == KnownField.None)
        {
            ReadOtherField(ref json);
            return;
        }

        var name = KnownFields.NameOf(field);
        if ((_seen & (1 << (int)field)) != 0)
        {
            Fail(name, $"{name} is given more than once");
            json.Skip();
            return;
        }

        _seen |= 1 << (int)field;
        json.Read();
        switch (field)
        {
            case KnownField.Id: ReadId(ref json); break;
            case KnownField.Timestamp: ReadTimestamp(ref json); break;
            case KnownField.Service: ReadService(ref json); break;
            case KnownField.Environment: _environment = ReadString(ref json, name, shared: true); break;
            case KnownField.Metric: _metric = ReadString(ref json, name, shared: true); break;
            case KnownField.Severity: _severity = ReadString(ref json, name, shared: true); break;
            case KnownField.Message: _message = ReadString(ref json, name, shared: false); break;
            case KnownField.Value: ReadValue(ref json); break;
            case KnownField.Tags: ReadTags(ref json); break;
        }
    }

    private void ReadId(ref Utf8JsonReader json)
    {
        _id = ReadString(ref json, "id", shared: false);
        if (_id is "")
        {
            Fail("id", "id must not be empty");
        }
    }

    private void ReadService(ref Utf8JsonReader json)
    {
        if (json.TokenType == JsonTokenType.Null)
        {
            return;
        }

        _serviceGiven = true;
        _service = ReadString(ref json, "service", shared: true);
        if (_service is "")
        {
            Fail("service", "service must not be empty");
        }
    }

    private void ReadTimestamp(ref Utf8JsonReader json)
    {
        if (json.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (EventTimestamp.TryRead(ref json, out var timestamp))
        {
            _timestamp = timestamp;
            return;
        }

        Fail("timestamp", json.TokenType is JsonTokenType.String or JsonTokenType.Number
            ? TimestampRule
            : $"{TimestampRule}, got {JsonTypeName.Of(json.TokenType)}");
        json.Skip();
    }

    private void ReadValue(ref Utf8JsonReader json)
    {
        if (json.TokenType == JsonTokenType.Number)
        {
            if (json.TryGetDouble(out var value) && double.IsFinite(value))
            {
                _value = value;
            }
            else
            {
                Fail("value", "value is out of range for a double");
            }
        }
        else if (json.TokenType != JsonTokenType.Null)
        {
            WrongType(ref json, "value", "a number");
        }
    }

    private void ReadTags(ref Utf8JsonReader json)
    {
        if (json.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (json.TokenType != JsonTokenType.StartObject)
        {
            Fail("tags", $"tags must be an object of string values, got {JsonTypeName.Of(json.TokenType)}");
            json.Skip();
            return;
        }

        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            if (!JsonText.TryRead(ref json, _strings, out var tag))
            {
                Fail("tags", "a tag name is not valid Unicode text");
                json.Skip();
                continue;
            }

            json.Read();
            if (json.TokenType == JsonTokenType.Null)
            {
                continue; // a null tag is an absent tag, as null means absent for every field
            }

            if (json.TokenType != JsonTokenType.String)
            {
                Fail("tags." + tag, $"tags must be an object of string values, got {JsonTypeName.Of(json.TokenType)}");
                json.Skip();
            }
            else if (!JsonText.TryRead(ref json, _strings, out var value))
            {
                Fail("tags." + tag, $"tags.{tag} is not valid Unicode text");
            }
            else if (!(_tags ??= new Dictionary<string, string>()).TryAdd(tag, value))
            {
                Fail("tags." + tag, $"tags.{tag} is given more than once");
            }
        }
    }

    private void ReadOtherField(ref Utf8JsonReader json)
    {
        if (!JsonText.TryRead(ref json, _strings, out var name))
        {
            Fail(null, "a field name is not valid Unicode text");
            json.Skip();
            return;
        }

        json.Read();
        if (!JsonText.TryReadAny(ref json, _body, _strings, out var text))
        {
            Fail(name, $"{name} is not valid Unicode text");
        }
        else if (text is not null && !(_fields ??= new Dictionary<string, string>()).TryAdd(name, text))
        {
            Fail(name, $"{name} is given more than once");
        }
    }

    private string? ReadString(ref Utf8JsonReader json, string name, bool shared)
    {
        if (json.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (json.TokenType != JsonTokenType.String)
        {
            WrongType(ref json, name, "a string");
            return null;
        }

        if (!JsonText.TryRead(ref json, shared ? _strings : null, out var text))
        {
            Fail(name, $"{name} is not valid Unicode text");
        }

        return text;
    }

    private void WrongType(ref Utf8JsonReader json, string name, string expected)
    {
        Fail(name, $"{name} must be {expected}, got {JsonTypeName.Of(json.TokenType)}");
        json.Skip();
    }

    private void Fail(string? field, string message) => _errors.Add(_item, field, message);
}
