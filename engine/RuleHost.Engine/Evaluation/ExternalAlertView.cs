namespace RuleHost.Engine.Evaluation;

/// <summary>ExternalAlertView is a copy of one active external alert taken on the evaluation thread, for readers elsewhere.</summary>
internal sealed record ExternalAlertView(
    Alert Alert,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset EndsAt,
    DateTimeOffset UpdatedAt,
    string? GeneratorUrl);
