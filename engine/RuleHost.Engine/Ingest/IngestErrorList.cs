namespace RuleHost.Engine.Ingest;

/// <summary>IngestErrorList collects the errors of one request body, up to a limit so a huge bad body cannot flood the reply.</summary>
internal sealed class IngestErrorList(int limit)
{
    private List<IngestError>? _errors;

    public int Count => _errors?.Count ?? 0;

    public bool IsFull => Count >= limit;

    public void Add(int item, string? field, string message)
    {
        if (IsFull)
        {
            return;
        }

        (_errors ??= []).Add(new IngestError(item, field, message));
    }

    public IReadOnlyList<IngestError> ToList() => _errors ?? [];
}
