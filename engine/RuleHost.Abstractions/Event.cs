using System.Globalization;

namespace RuleHost;

/// <summary>Event is one observation sent to RuleHost: a metric sample, a log line or a heartbeat.</summary>
public sealed class Event
{
    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    /// <summary>Id is unique per event; a repeated id within the dedup window is ignored at ingest.</summary>
    public string Id { get; init; } = "";

    /// <summary>Timestamp is the event time; windows and <c>For</c> are measured on it.</summary>
    public DateTimeOffset Timestamp { get; init; }

    public string Service { get; init; } = "";

    public string? Environment { get; init; }

    public string? Metric { get; init; }

    public double? Value { get; init; }

    public string? Severity { get; init; }

    public string? Message { get; init; }

    public EventTags Tags { get; init; } = EventTags.Empty;

    /// <summary>JournalRecord is set on the last event of each ingest request: the journal record it closes (see EventJournal).</summary>
    internal long JournalRecord { get; set; }

    /// <summary>Fields holds every JSON field that is not one of the known ones, as text.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = NoFields;

    /// <summary>The indexer reads any field by its JSON name, known or not, as text; null when absent.</summary>
    public string? this[string field] => field switch
    {
        "id" => Id,
        "timestamp" => Timestamp.ToString("O", CultureInfo.InvariantCulture),
        "service" => Service,
        "environment" => Environment,
        "metric" => Metric,
        "value" => Value?.ToString(CultureInfo.InvariantCulture),
        "severity" => Severity,
        "message" => Message,
        _ => Fields.TryGetValue(field, out var v) ? v : null,
    };

    public override string ToString() =>
        $"{Service}/{Metric ?? Severity ?? "event"}={Value?.ToString(CultureInfo.InvariantCulture) ?? Message} @ {Timestamp:O}";
}
