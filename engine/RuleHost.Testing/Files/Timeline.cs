using System.Globalization;
using System.Text.Json;
using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Ingest;

namespace RuleHost.Testing.Files;

/// <summary>Timeline turns a test case's series and events into events ordered by their offset from the start.</summary>
internal static class Timeline
{
    public static List<(TimeSpan At, Event Event)> Of(RuleTestCase test, DateTimeOffset start)
    {
        var events = new List<(TimeSpan, Event)>();
        var step = DurationText.Parse(test.Interval, "interval");
        foreach (var (series, i) in test.Series.Select((s, i) => (s, i)))
        {
            var interval = series.Interval is { } own ? DurationText.Parse(own, $"series[{i}].interval") : step;
            var first = series.Start is { } s ? DurationText.Parse(s, $"series[{i}].start") : TimeSpan.Zero;
            foreach (var (value, n) in SeriesNotation.Expand(series.Values).Select((v, n) => (v, n)))
            {
                if (value is null)
                    continue;
                var at = first + (interval * n);
                events.Add((at, Build(series.Event, start + at, value, $"series[{i}]")));
            }
        }

        foreach (var (spec, i) in test.Events.Select((e, i) => (e, i)))
        {
            var at = DurationText.Parse(spec.At, $"events[{i}].at");
            events.Add((at, Build(spec.Event, start + at, null, $"events[{i}]")));
        }

        return [.. events.OrderBy(e => e.Item1)]; // stable: equal offsets keep file order
    }

    /// <summary>Build writes the YAML fields as JSON and reads them with the ingest parser, so test events obey ingest's rules.</summary>
    private static Event Build(Dictionary<string, object> fields, DateTimeOffset at, double? value, string where)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, field) in fields)
                Write(json, name, field);
            json.WriteString("timestamp", at);
            if (value is { } v)
                json.WriteNumber("value", v);
            json.WriteEndObject();
        }

        var parsed = new EventParser(new VirtualClock(at)).Parse(buffer.ToArray());
        if (!parsed.IsValid)
            throw new RuleTestFormatException($"{where}.event: {parsed.Errors[0].Message}");
        return parsed.Events[0];
    }

    private static void Write(Utf8JsonWriter json, string name, object field)
    {
        switch (field)
        {
            case IDictionary<object, object> map:
                json.WriteStartObject(name);
                foreach (var (k, v) in map)
                    json.WriteString(k.ToString()!, v?.ToString());
                json.WriteEndObject();
                break;
            case string text when name == "value" && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                json.WriteNumber(name, number);
                break;
            default:
                json.WriteString(name, field?.ToString());
                break;
        }
    }
}
