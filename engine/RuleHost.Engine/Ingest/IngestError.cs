namespace RuleHost.Engine.Ingest;

/// <summary>IngestError names one invalid item of an ingest request: its 0-based index, the field and what is wrong.</summary>
internal sealed record IngestError(int Item, string Field, string Message);
