using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using RuleHost.Engine.Ingest;

namespace RuleHost.Engine.Tests.Ingest;

public class EventParserTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly EventParser _parser = new(new FakeTimeProvider(Now));

    [Test]
    public void Reads_a_single_object_as_one_event()
    {
        var ingested = Single("""{"service":"api","metric":"cpu","value":91.5}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ingested.Service, Is.EqualTo("api"));
            Assert.That(ingested.Metric, Is.EqualTo("cpu"));
            Assert.That(ingested.Value, Is.EqualTo(91.5));
        }
    }

    [Test]
    public void Reads_an_array_as_one_event_per_object_in_order()
    {
        var result = Parse("""[{"service":"a"}, {"service":"b"}, {"service":"c"}]""");

        Assert.That(result.Events.Select(e => e.Service), Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void Reads_ndjson_lines_as_separate_events()
    {
        var result = Parse("{\"service\":\"a\"}\r\n\r\n{\"service\":\"b\"}\n\n  \n{\"service\":\"c\"}\r\n");

        Assert.That(result.Events.Select(e => e.Service), Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void Reads_every_known_field()
    {
        var ingested = Single("""
            {"id":"ev-1","timestamp":"2025-01-02T03:04:05Z","service":"api","environment":"prod",
             "metric":"latency_ms","value":-12.25,"severity":"warning","message":"slow \"GET\"",
             "tags":{"status":"503","region":"eu"}}
            """);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ingested.Id, Is.EqualTo("ev-1"));
            Assert.That(ingested.Timestamp, Is.EqualTo(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero)));
            Assert.That(ingested.Service, Is.EqualTo("api"));
            Assert.That(ingested.Environment, Is.EqualTo("prod"));
            Assert.That(ingested.Metric, Is.EqualTo("latency_ms"));
            Assert.That(ingested.Value, Is.EqualTo(-12.25));
            Assert.That(ingested.Severity, Is.EqualTo("warning"));
            Assert.That(ingested.Message, Is.EqualTo("slow \"GET\""));
            Assert.That(ingested.Tags["status"], Is.EqualTo("503"));
            Assert.That(ingested.Tags["region"], Is.EqualTo("eu"));
            Assert.That(ingested.Fields, Is.Empty);
        }
    }

    [Test]
    public void Treats_null_known_fields_as_absent()
    {
        var ingested = Single("""
            {"id":null,"timestamp":null,"service":"api","environment":null,"metric":null,
             "value":null,"severity":null,"message":null,"tags":null}
            """);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ingested.Id, Is.Not.Empty);
            Assert.That(ingested.Timestamp, Is.EqualTo(Now));
            Assert.That(ingested.Environment, Is.Null);
            Assert.That(ingested.Metric, Is.Null);
            Assert.That(ingested.Value, Is.Null);
            Assert.That(ingested.Severity, Is.Null);
            Assert.That(ingested.Message, Is.Null);
            Assert.That(ingested.Tags, Is.Empty);
        }
    }

    [TestCase("1700000000", "2023-11-14T22:13:20Z")]
    [TestCase("1700000000.5", "2023-11-14T22:13:20.5Z")]
    [TestCase("1700000000.1234567", "2023-11-14T22:13:20.1234567Z")]
    [TestCase("1.7e9", "2023-11-14T22:13:20Z")]
    [TestCase("0", "1970-01-01T00:00:00Z")]
    public void Reads_unix_seconds_timestamps(string seconds, string expected)
    {
        var ingested = Single($$"""{"service":"a","timestamp":{{seconds}}}""");

        Assert.That(ingested.Timestamp, Is.EqualTo(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture)));
    }

    [TestCase("2025-01-02T03:04:05Z", "2025-01-02T03:04:05Z", 0)]
    [TestCase("2025-01-02T03:04:05.123+02:00", "2025-01-02T01:04:05.123Z", 120)]
    [TestCase("2025-01-02T03:04:05-05:30", "2025-01-02T08:34:05Z", -330)]
    [TestCase("2025-01-02t03:04:05.5z", "2025-01-02T03:04:05.5Z", 0)]
    [TestCase("2025-01-02 03:04:05-00:00", "2025-01-02T03:04:05Z", 0)]
    [TestCase("2025-01-02T03:04:05.123456789Z", "2025-01-02T03:04:05.1234567Z", 0)]
    [TestCase("2024-02-29T23:59:59.9999999+14:00", "2024-02-29T09:59:59.9999999Z", 840)]
    public void Reads_rfc3339_timestamps_keeping_their_offset(string timestamp, string instant, int offsetMinutes)
    {
        var ingested = Single($$"""{"service":"a","timestamp":"{{timestamp}}"}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ingested.Timestamp, Is.EqualTo(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture)));
            Assert.That(ingested.Timestamp.Offset, Is.EqualTo(TimeSpan.FromMinutes(offsetMinutes)));
        }
    }

    [TestCase("\"2025-01-02\"")]
    [TestCase("\"2025-01-02T03:04:05\"")]
    [TestCase("\"2025-01-02T03:04:05+0200\"")]
    [TestCase("\"2025-02-30T03:04:05Z\"")]
    [TestCase("\"2025-01-02T24:00:00Z\"")]
    [TestCase("\"2016-12-31T23:59:60Z\"")]
    [TestCase("\"2025-01-02T03:04:05.Z\"")]
    [TestCase("\"2025-01-02T03:04:05Z \"")]
    [TestCase("\"0000-01-01T00:00:00Z\"")]
    [TestCase("\"1700000000\"")]
    [TestCase("\"\"")]
    [TestCase("1700000000000")]
    [TestCase("-1e12")]
    [TestCase("-1.25")]
    [TestCase("1e400")]
    public void Refuses_timestamps_that_are_neither_rfc3339_nor_unix_seconds(string timestamp)
    {
        var error = SingleError($$"""{"service":"a","timestamp":{{timestamp}}}""");

        Assert.That(error, Is.EqualTo(new IngestError(0, "timestamp", "timestamp must be an RFC 3339 string or unix seconds")));
    }

    [Test]
    public void Uses_now_when_timestamp_is_absent()
    {
        Assert.That(Single("""{"service":"a"}""").Timestamp, Is.EqualTo(Now));
    }

    [Test]
    public void Generates_a_unique_id_when_id_is_absent()
    {
        var first = Parse("""[{"service":"a"},{"service":"a"}]""").Events;
        var second = Parse("""{"service":"a"}""").Events;

        var ids = first.Concat(second).Select(e => e.Id).ToList();
        Assert.That(ids, Is.Unique.And.All.Not.Empty);
    }

    [Test]
    public void Keeps_other_fields_as_text()
    {
        var ingested = Single("""
            {"service":"a","region":"eu","count":1.50,"big":12345678901234567890123,"ok":true,"off":false,
             "obj":{"x": [1, "y"]},"arr":[1,{"z":null}],"quoted":"say \"hi\"","gone":null}
            """);

        Assert.That(ingested.Fields, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["region"] = "eu",
            ["count"] = "1.50",
            ["big"] = "12345678901234567890123",
            ["ok"] = "true",
            ["off"] = "false",
            ["obj"] = """{"x": [1, "y"]}""",
            ["arr"] = """[1,{"z":null}]""",
            ["quoted"] = "say \"hi\"",
        }));
        Assert.That(ingested["region"], Is.EqualTo("eu"));
    }

    [Test]
    public void Reads_tags_and_drops_null_tags()
    {
        var ingested = Single("""{"service":"a","tags":{"status":"500","empty":"","gone":null}}""");

        Assert.That(ingested.Tags, Is.EquivalentTo(new Dictionary<string, string> { ["status"] = "500", ["empty"] = "" }));
    }

    [TestCase("1")]
    [TestCase("true")]
    [TestCase("[\"5xx\"]")]
    [TestCase("{\"code\":\"500\"}")]
    public void Refuses_a_tag_with_a_non_string_value_naming_the_tag(string tagValue)
    {
        var error = SingleError($$$"""{"service":"a","tags":{"ok":"yes","status":{{{tagValue}}}}}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Field, Is.EqualTo("tags.status"));
            Assert.That(error.Message, Does.StartWith("tags must be an object of string values, got "));
        }
    }

    [TestCase("""{"metric":"cpu"}""", "service is required")]
    [TestCase("""{"service":null}""", "service is required")]
    [TestCase("""{"service":""}""", "service must not be empty")]
    [TestCase("""{"Service":"api"}""", "service is required")]
    public void Requires_a_non_empty_service(string json, string message)
    {
        Assert.That(SingleError(json), Is.EqualTo(new IngestError(0, "service", message)));
    }

    [TestCase("""{"service":1}""", "service", "service must be a string, got number")]
    [TestCase("""{"service":"a","id":7}""", "id", "id must be a string, got number")]
    [TestCase("""{"service":"a","id":""}""", "id", "id must not be empty")]
    [TestCase("""{"service":"a","environment":true}""", "environment", "environment must be a string, got boolean")]
    [TestCase("""{"service":"a","metric":["cpu"]}""", "metric", "metric must be a string, got array")]
    [TestCase("""{"service":"a","severity":{"level":1}}""", "severity", "severity must be a string, got object")]
    [TestCase("""{"service":"a","message":42}""", "message", "message must be a string, got number")]
    [TestCase("""{"service":"a","value":"42"}""", "value", "value must be a number, got string")]
    [TestCase("""{"service":"a","value":1e400}""", "value", "value is out of range for a double")]
    [TestCase("""{"service":"a","timestamp":false}""", "timestamp", "timestamp must be an RFC 3339 string or unix seconds, got boolean")]
    [TestCase("""{"service":"a","tags":["a"]}""", "tags", "tags must be an object of string values, got array")]
    [TestCase("""{"service":"a","tags":"a=b"}""", "tags", "tags must be an object of string values, got string")]
    public void Refuses_a_field_of_the_wrong_type(string json, string field, string message)
    {
        Assert.That(SingleError(json), Is.EqualTo(new IngestError(0, field, message)));
    }

    [TestCase("""{"service":"a","service":"b"}""", "service")]
    [TestCase("""{"service":"a","value":1,"value":null}""", "value")]
    [TestCase("""{"service":"a","tags":{"x":"1","x":"2"}}""", "tags.x")]
    [TestCase("""{"service":"a","zone":"1","zone":2}""", "zone")]
    public void Refuses_a_field_given_twice(string json, string field)
    {
        Assert.That(SingleError(json), Is.EqualTo(new IngestError(0, field, $"{field} is given more than once")));
    }

    [Test]
    public void Refuses_items_that_are_not_objects()
    {
        var result = Parse("""[{"service":"a"}, 1, "x", [], null, {"service":"b"}]""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Events, Is.Empty);
            Assert.That(result.Errors, Is.EqualTo(new[]
            {
                new IngestError(1, null, "item must be a JSON object, got number"),
                new IngestError(2, null, "item must be a JSON object, got string"),
                new IngestError(3, null, "item must be a JSON object, got array"),
                new IngestError(4, null, "item must be a JSON object, got null"),
            }));
        }
    }

    [Test]
    public void Reports_malformed_json_mid_ndjson_with_the_item_it_broke_in()
    {
        var result = Parse("{\"service\":\"a\"}\n{\"metric\":\"b\"}\n{\"service\": }\n{\"service\":\"d\"}\n");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Events, Is.Empty);
            Assert.That(result.Errors, Has.Count.EqualTo(2));
            Assert.That(result.Errors[0], Is.EqualTo(new IngestError(1, "service", "service is required")));
            Assert.That(result.Errors[1].Item, Is.EqualTo(2));
            Assert.That(result.Errors[1].Field, Is.Null);
            Assert.That(result.Errors[1].Message, Does.StartWith("malformed JSON at line 3, byte 13: "));
        }
    }

    [TestCase("[{\"service\":\"a\"}, {\"service\":\"b\"", 1)]
    [TestCase("[{\"service\":\"a\"}, {\"service\":\"b\",}]", 1)]
    [TestCase("[{\"service\":\"a\"}, {\"service\":\"b\"} x", 2)]
    public void Reports_malformed_json_in_an_array_with_the_item_it_broke_in(string body, int item)
    {
        var error = SingleError(body);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Item, Is.EqualTo(item));
            Assert.That(error.Message, Does.StartWith("malformed JSON at line 1"));
        }
    }

    [TestCase("")]
    [TestCase(" \r\n\n")]
    [TestCase("[]")]
    public void Refuses_a_body_with_no_events(string body)
    {
        Assert.That(SingleError(body), Is.EqualTo(new IngestError(0, null, "body holds no events")));
    }

    [Test]
    public void Returns_no_events_when_any_item_is_bad()
    {
        var result = Parse("""[{"service":"a"},{"service":"b"},{"service":"c","value":"high"},{"service":"d"}]""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Events, Is.Empty);
            Assert.That(result.Errors, Is.EqualTo(new[] { new IngestError(2, "value", "value must be a number, got string") }));
        }
    }

    [Test]
    public void Reports_every_bad_field_of_every_item()
    {
        var result = Parse("{\"value\":\"x\"}\n{\"service\":\"ok\"}\n{\"service\":\"c\",\"tags\":{\"a\":1},\"metric\":2}\n");

        Assert.That(result.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "item 0, value: value must be a number, got string",
            "item 0, service: service is required",
            "item 2, tags.a: tags must be an object of string values, got number",
            "item 2, metric: metric must be a string, got number",
        }));
    }

    [Test]
    public void Stops_at_the_error_limit()
    {
        var body = string.Concat(Enumerable.Repeat("{\"metric\":\"cpu\"}\n", EventParser.MaxErrors + 50));

        var result = Parse(body);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Errors, Has.Count.EqualTo(EventParser.MaxErrors));
            Assert.That(result.Errors[^1].Item, Is.EqualTo(EventParser.MaxErrors - 1));
            Assert.That(result.ErrorLimitReached, Is.True);
            Assert.That(result.Events, Is.Empty);
        }
    }

    [Test]
    public void Shares_one_string_for_repeated_names()
    {
        var events = Parse("""[{"service":"checkout","tags":{"region":"eu"}},{"service":"checkout","tags":{"region":"eu"}}]""").Events;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(events[1].Service, Is.SameAs(events[0].Service));
            Assert.That(events[1].Tags["region"], Is.SameAs(events[0].Tags["region"]));
        }
    }

    [Test]
    public void Reads_escaped_names_and_values()
    {
        var ingested = Single("""{"\u0073ervice":"caf\u00e9","tags":{"k\u0031":"v\n"},"n\u00e4me":"\ud83d\ude00"}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ingested.Service, Is.EqualTo("café"));
            Assert.That(ingested.Tags["k1"], Is.EqualTo("v\n"));
            Assert.That(ingested["näme"], Is.EqualTo("😀"));
        }
    }

    [Test]
    public void Accepts_a_body_starting_with_a_byte_order_mark()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"service":"a"}""")).ToArray();

        Assert.That(_parser.Parse(body).Events, Has.Count.EqualTo(1));
    }

    [Test]
    public void Refuses_text_that_is_not_valid_utf8_naming_the_field()
    {
        byte[] body = [.. "{\"service\":\"a\",\"message\":\"bad "u8, 0xC3, 0x28, .. "\"}"u8];

        var error = _parser.Parse(body).Errors.Single();

        Assert.That(error, Is.EqualTo(new IngestError(0, "message", "message is not valid Unicode text")));
    }

    [TestCase("""{"service":"a","metric":"\ud800"}""", "metric")]
    [TestCase("""{"service":"a","note":"x\udc00"}""", "note")]
    [TestCase("""{"service":"a","tags":{"t":"\ud800"}}""", "tags.t")]
    public void Refuses_a_broken_unicode_escape_naming_the_field(string json, string field)
    {
        Assert.That(SingleError(json), Is.EqualTo(new IngestError(0, field, $"{field} is not valid Unicode text")));
    }

    private ParseResult Parse(string body) => _parser.Parse(Encoding.UTF8.GetBytes(body));

    private Event Single(string body)
    {
        var result = Parse(body);
        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Events, Has.Count.EqualTo(1));
        return result.Events[0];
    }

    private IngestError SingleError(string body)
    {
        var result = Parse(body);
        Assert.That(result.Events, Is.Empty);
        Assert.That(result.Errors, Has.Count.EqualTo(1), () => string.Join("; ", result.Errors));
        return result.Errors[0];
    }
}
