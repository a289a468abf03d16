namespace RuleHost.Engine.Ingest;

/// <summary>EventParseResult is all the events of a request, or the errors that reject it whole.</summary>
internal sealed record EventParseResult(IReadOnlyList<Event> Events, IReadOnlyList<IngestError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
