using System.Text.Json.Serialization;

namespace RuleHost.Engine.Alertmanager;

/// <summary>GettableAlert is one item of <c>GET /api/v2/alerts</c>, as Alertmanager's OpenAPI (v2 gettableAlert) defines it.</summary>
internal sealed record GettableAlert(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset UpdatedAt,
    string Fingerprint,
    GettableAlertStatus Status,
    IReadOnlyList<GettableReceiver> Receivers,
    [property: JsonPropertyName("generatorURL")] string? GeneratorUrl);
