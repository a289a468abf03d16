using System.Text.Json;

namespace RuleHost.Engine.Recording;

/// <summary>EventJson writes an event back as the JSON object ingest reads, one line of NDJSON.</summary>
internal static class EventJson
{
    public static void Write(Utf8JsonWriter json, Event e)
    {
        json.WriteStartObject();
        json.WriteString("id", e.Id);
        json.WriteString("timestamp", e.Timestamp);
        json.WriteString("service", e.Service);
        WriteIfSet(json, "environment", e.Environment);
        WriteIfSet(json, "metric", e.Metric);
        if (e.Value is { } value)
            json.WriteNumber("value", value);
        WriteIfSet(json, "severity", e.Severity);
        WriteIfSet(json, "message", e.Message);
        if (e.Tags.Count > 0)
        {
            json.WriteStartObject("tags");
            foreach (var (name, tag) in e.Tags)
                json.WriteString(name, tag);
            json.WriteEndObject();
        }

        // Other fields were kept as text; they are written back as strings, which ingest keeps as the same text.
        foreach (var (name, field) in e.Fields)
            json.WriteString(name, field);
        json.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
            json.WriteString(name, value);
    }
}
