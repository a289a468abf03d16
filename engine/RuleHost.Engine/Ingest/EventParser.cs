using System.Text;
using System.Text.Json;

namespace RuleHost.Engine.Ingest;

/// <summary>EventParser reads an ingest body (one object, an array, or NDJSON) into events, all or nothing.</summary>
/// <remarks>
/// A single forward-only Utf8JsonReader with AllowMultipleValues reads all three shapes; no DOM is built.
/// Items are counted across the whole body, so an error names the same index the sender used.
/// </remarks>
internal static class EventParser
{
    public const int MaxErrors = 100;

    public static EventParseResult Parse(ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = true });
        var events = new List<Event>();
        var errors = new List<IngestError>();
        var item = 0;
        try
        {
            while (errors.Count < MaxErrors && reader.Read())
            {
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    while (errors.Count < MaxErrors && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        Item(ref reader, body, item, now, events, errors);
                        item++;
                    }
                }
                else
                {
                    Item(ref reader, body, item, now, events, errors);
                    item++;
                }
            }
        }
        catch (JsonException e)
        {
            errors.Add(new IngestError(item, "", $"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}"));
        }

        if (item == 0 && errors.Count == 0)
            errors.Add(new IngestError(0, "", "body holds no events"));
        return errors.Count == 0 ? new EventParseResult(events, []) : new EventParseResult([], errors);
    }

    private static void Item(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, int item, DateTimeOffset now, List<Event> events, List<IngestError> errors)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            errors.Add(new IngestError(item, "", $"item must be a JSON object, got {Describe(reader.TokenType)}"));
            reader.Skip();
            return;
        }

        var fields = new EventFields();
        var serviceProblem = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (fields.Read(name, ref reader, body) is { } problem)
            {
                errors.Add(new IngestError(item, problem.Field, problem.Message));
                serviceProblem |= problem.Field == "service";
            }
        }

        if (serviceProblem)
            return; // already named: a service of the wrong type is not also "missing"
        if (string.IsNullOrEmpty(fields.Service))
            errors.Add(new IngestError(item, "service", "service is required and must be a non-empty string"));
        else if (errors.Count == 0)
            events.Add(fields.ToEvent(now));
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => token.ToString(),
    };

    internal static string RawText(ref Utf8JsonReader reader, ReadOnlySpan<byte> body)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            return Encoding.UTF8.GetString(reader.ValueSpan);
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return Encoding.UTF8.GetString(body[start..(int)reader.BytesConsumed]);
    }

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
}
