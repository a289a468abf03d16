namespace RuleHost.Engine.Silences;

/// <summary>SilenceDraft is a silence as a client sends it (<c>POST /api/v1/silences</c>), before validation; an <see cref="Id"/> asks to update that silence.</summary>
internal sealed record SilenceDraft(
    string? Id,
    IReadOnlyList<SilenceMatcherDraft>? Matchers,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? CreatedBy,
    string? Comment);
