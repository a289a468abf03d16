using System.Text;
using RuleHost.Engine.Ingest;

namespace RuleHost.Engine.Tests.Ingest;

public sealed class EventParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private static EventParseResult Parse(string body) => EventParser.Parse(Encoding.UTF8.GetBytes(body), Now);

    [Test]
    public void Reads_one_object_with_every_known_field()
    {
        var result = Parse("""
            {"id": "e1", "timestamp": "2026-11-26T09:59:00+01:00", "service": "api", "environment": "prod",
             "metric": "cpu", "value": 91.5, "severity": "error", "message": "hot", "tags": {"region": "eu"}}
            """);

        Assert.That(result.IsValid, Is.True);
        var e = result.Events.Single();
        Assert.Multiple(() =>
        {
            Assert.That(e.Id, Is.EqualTo("e1"));
            Assert.That(e.Timestamp, Is.EqualTo(new DateTimeOffset(2026, 11, 26, 8, 59, 0, TimeSpan.Zero)));
            Assert.That(e.Service, Is.EqualTo("api"));
            Assert.That(e.Environment, Is.EqualTo("prod"));
            Assert.That(e.Metric, Is.EqualTo("cpu"));
            Assert.That(e.Value, Is.EqualTo(91.5));
            Assert.That(e.Severity, Is.EqualTo("error"));
            Assert.That(e.Message, Is.EqualTo("hot"));
            Assert.That(e.Tags["region"], Is.EqualTo("eu"));
        });
    }

    [Test]
    public void Reads_an_array_and_ndjson_with_blank_lines_and_crlf()
    {
        Assert.That(Parse("""[{"service": "a"}, {"service": "b"}]""").Events.Select(e => e.Service), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(Parse("{\"service\": \"a\"}\r\n\r\n{\"service\": \"b\"}\n{\"service\": \"c\"}\n").Events.Select(e => e.Service), Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void Takes_unix_seconds_and_defaults_timestamp_to_now()
    {
        var events = Parse("""[{"service": "a", "timestamp": 1764151200.5}, {"service": "b"}]""").Events;

        Assert.That(events[0].Timestamp, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1764151200500)));
        Assert.That(events[1].Timestamp, Is.EqualTo(Now));
    }

    [Test]
    public void Generates_unique_ids_when_absent()
    {
        var events = Parse("""[{"service": "a"}, {"service": "a"}]""").Events;

        Assert.That(events[0].Id, Is.Not.Empty);
        Assert.That(events[0].Id, Is.Not.EqualTo(events[1].Id));
    }

    [Test]
    public void Keeps_unknown_fields_as_text()
    {
        var e = Parse("""{"service": "a", "region": "eu", "count": 3, "ok": true, "nested": {"x": [1, 2]}, "gone": null}""").Events.Single();

        Assert.Multiple(() =>
        {
            Assert.That(e["region"], Is.EqualTo("eu"));
            Assert.That(e["count"], Is.EqualTo("3"));
            Assert.That(e["ok"], Is.EqualTo("true"));
            Assert.That(e["nested"], Is.EqualTo("""{"x": [1, 2]}"""));
            Assert.That(e["gone"], Is.Null);
            Assert.That(e["service"], Is.EqualTo("a"));
        });
    }

    [TestCase("""{"metric": "cpu"}""", 0, "service")]
    [TestCase("""{"service": ""}""", 0, "service")]
    [TestCase("""{"service": 5}""", 0, "service")]
    [TestCase("""{"service": "a", "value": "high"}""", 0, "value")]
    [TestCase("""{"service": "a", "timestamp": "yesterday"}""", 0, "timestamp")]
    [TestCase("""{"service": "a", "tags": {"status": 500}}""", 0, "tags.status")]
    [TestCase("""{"service": "a", "tags": ["x"]}""", 0, "tags")]
    [TestCase("""[{"service": "a"}, 7]""", 1, "")]
    public void Names_the_item_and_field_of_an_invalid_event(string body, int item, string field)
    {
        var result = Parse(body);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Events, Is.Empty);
        Assert.That(result.Errors[0].Item, Is.EqualTo(item));
        Assert.That(result.Errors[0].Field, Is.EqualTo(field));
    }

    [Test]
    public void Rejects_everything_when_one_item_is_invalid()
    {
        var result = Parse("""{"service": "a"}""" + "\n" + """{"service": "b", "value": "x"}""" + "\n" + """{"service": "c"}""");

        Assert.That(result.Events, Is.Empty);
        Assert.That(result.Errors.Single().Item, Is.EqualTo(1));
    }

    [Test]
    public void Reports_malformed_json_at_the_item_where_it_broke()
    {
        var result = Parse("{\"service\": \"a\"}\n{\"service\": \"b\"}\n{\"service\": \n");

        Assert.That(result.Events, Is.Empty);
        Assert.That(result.Errors.Single().Item, Is.EqualTo(2));
        Assert.That(result.Errors.Single().Message, Does.StartWith("malformed JSON"));
    }

    [Test]
    public void Rejects_an_empty_body()
    {
        Assert.That(Parse("  \n").Errors.Single().Message, Is.EqualTo("body holds no events"));
    }

    [Test]
    public void Caps_the_number_of_errors_reported()
    {
        var body = string.Join('\n', Enumerable.Repeat("""{"metric": "x"}""", 500));

        Assert.That(Parse(body).Errors, Has.Count.EqualTo(EventParser.MaxErrors));
    }
}
