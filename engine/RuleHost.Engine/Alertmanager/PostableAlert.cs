namespace RuleHost.Engine.Alertmanager;

/// <summary>PostableAlert is one item of a <c>POST /api/v2/alerts</c> body, as Alertmanager's OpenAPI (v2 postableAlert) defines it.</summary>
/// <remarks>Mutable and nullable because the JSON source generator fills it; <see cref="PostedAlertValidator"/> checks it.</remarks>
internal sealed class PostableAlert
{
    public Dictionary<string, string>? Labels { get; set; }

    public Dictionary<string, string>? Annotations { get; set; }

    public DateTimeOffset? StartsAt { get; set; }

    public DateTimeOffset? EndsAt { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("generatorURL")]
    public string? GeneratorUrl { get; set; }
}
