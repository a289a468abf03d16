namespace RuleHost.Engine.Ingest;

/// <summary>EventParser turns a <c>POST /api/v1/events</c> body (an object, an array or NDJSON) into events, all or none.</summary>
/// <remarks>
/// One instance serves every request: its only shared state is the string cache and the id
/// counter, both safe without locks. Events without a timestamp get the time the body was parsed.
/// </remarks>
internal sealed class EventParser(TimeProvider time, Utf8StringCache? strings = null, EventIdGenerator? ids = null)
{
    /// <summary>MaxErrors caps the errors listed for one body; parsing stops there.</summary>
    public const int MaxErrors = 100;

    private readonly Utf8StringCache _strings = strings ?? new Utf8StringCache();
    private readonly EventIdGenerator _ids = ids ?? new EventIdGenerator();

    public ParseResult Parse(ReadOnlyMemory<byte> body) => Parse(body.Span);

    public ParseResult Parse(ReadOnlySpan<byte> body) => Parse(body, time.GetUtcNow());

    /// <summary>Parse with the time the body was received, which events without a timestamp take (replaying a journal).</summary>
    public ParseResult Parse(ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        // Some clients start UTF-8 with a byte order mark, which the JSON reader refuses.
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        var errors = new IngestErrorList(MaxErrors);
        return new EventBodyReader(body, receivedAt, _strings, _ids, errors).Read();
    }
}
