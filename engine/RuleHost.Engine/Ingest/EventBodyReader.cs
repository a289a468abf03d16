using System.Text.Json;

namespace RuleHost.Engine.Ingest;

/// <summary>EventBodyReader walks one request body, an object, an array of objects or NDJSON, and reads each item in turn.</summary>
internal ref struct EventBodyReader
{
    // Multiple top-level values is what makes one reader take NDJSON as well as a single object or an array.
    private static readonly JsonReaderOptions Options = new() { AllowMultipleValues = true };

    private readonly ReadOnlySpan<byte> _body;
    private readonly DateTimeOffset _now;
    private readonly Utf8StringCache _strings;
    private readonly EventIdGenerator _ids;
    private readonly IngestErrorList _errors;
    private readonly List<Event> _events;
    private List<int>? _clientIds;
    private Utf8JsonReader _json;
    private int _item;

    public EventBodyReader(ReadOnlySpan<byte> body, DateTimeOffset now, Utf8StringCache strings, EventIdGenerator ids, IngestErrorList errors)
    {
        _body = body;
        _now = now;
        _strings = strings;
        _ids = ids;
        _errors = errors;
        _events = [];
        _json = new Utf8JsonReader(body, Options);
    }

    public ParseResult Read()
    {
        try
        {
            ReadValues();
        }
        catch (JsonException ex)
        {
            // The reader cannot resync after a syntax error, so parsing stops at the item it broke in.
            _errors.Add(_item, null, Malformed(ex));
        }

        if (_item == 0 && _errors.Count == 0)
        {
            _errors.Add(0, null, "body holds no events");
        }

        return _errors.Count == 0 ? ParseResult.Valid(_events, _clientIds) : ParseResult.Invalid(_errors);
    }

    private void ReadValues()
    {
        while (!_errors.IsFull && _json.Read())
        {
            if (_json.TokenType != JsonTokenType.StartArray)
            {
                ReadItem();
                continue;
            }

            while (!_errors.IsFull && _json.Read() && _json.TokenType != JsonTokenType.EndArray)
            {
                ReadItem();
            }
        }
    }

    private void ReadItem()
    {
        if (_json.TokenType != JsonTokenType.StartObject)
        {
            _errors.Add(_item, null, $"item must be a JSON object, got {JsonTypeName.Of(_json.TokenType)}");
            _json.Skip();
        }
        else
        {
            var reader = new EventObjectReader(_body, _item, _errors, _strings);
            if (reader.Read(ref _json, _now, _ids) is { } ingested)
            {
                if (reader.IdGiven)
                {
                    (_clientIds ??= []).Add(_events.Count);
                }

                _events.Add(ingested);
            }
        }

        _item++;
    }

    private static string Malformed(JsonException ex)
    {
        // The reader's message ends in its own 0-based "LineNumber: … | BytePositionInLine: …"; say it 1-based
        // instead, and drop advice meant for the .NET caller rather than the sender.
        var reason = ex.Message.Replace(" Change the reader options.", "", StringComparison.Ordinal);
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }

        return $"malformed JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {reason}";
    }
}
