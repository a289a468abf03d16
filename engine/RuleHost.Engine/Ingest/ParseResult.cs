namespace RuleHost.Engine.Ingest;

/// <summary>ParseResult is what one request body parsed to: all of its events, or the errors that refuse the whole body.</summary>
internal sealed class ParseResult
{
    private ParseResult(IReadOnlyList<Event> events, IReadOnlyList<IngestError> errors, bool errorLimitReached, IReadOnlyList<int>? clientIds = null)
    {
        Events = events;
        ClientIds = clientIds ?? [];
        Errors = errors;
        ErrorLimitReached = errorLimitReached;
    }

    /// <summary>Events holds every event of the body in order; empty whenever there is any error.</summary>
    public IReadOnlyList<Event> Events { get; }

    /// <summary>ClientIds are the indexes in <see cref="Events"/> of the events whose id the client gave (generated ids need no repeat check).</summary>
    public IReadOnlyList<int> ClientIds { get; }

    public IReadOnlyList<IngestError> Errors { get; }

    public bool IsValid => Errors.Count == 0;

    /// <summary>ErrorLimitReached tells that parsing stopped at the error limit, so the body may hold more errors than listed.</summary>
    public bool ErrorLimitReached { get; }

    public static ParseResult Valid(IReadOnlyList<Event> events, IReadOnlyList<int>? clientIds = null) => new(events, [], errorLimitReached: false, clientIds);

    public static ParseResult Invalid(IngestErrorList errors) => new([], errors.ToList(), errors.IsFull);
}
