namespace RuleHost.Engine.Ingest;

/// <summary>IngestError is one reason a request body was refused: which item, which field, and what is wrong.</summary>
/// <param name="Item">The 0-based index of the item among the body's objects (array elements or NDJSON lines).</param>
/// <param name="Field">The field's JSON name, e.g. <c>service</c> or <c>tags.status</c>; null when the item as a whole is wrong.</param>
/// <param name="Message">What is wrong, for the sender to read.</param>
internal sealed record IngestError(int Item, string? Field, string Message)
{
    public override string ToString() =>
        Field is null ? $"item {Item}: {Message}" : $"item {Item}, {Field}: {Message}";
}
