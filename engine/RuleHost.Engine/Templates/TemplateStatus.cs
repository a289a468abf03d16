using RuleHost.Engine.Compilation;

namespace RuleHost.Engine.Templates;

/// <summary>TemplateStatus is what the host shows about one template: whether it compiled, its live version and its errors.</summary>
internal sealed record TemplateStatus(
    string Path,
    string Source,
    TemplateKind Kind,
    bool Ok,
    int Version,
    string? Hash,
    IReadOnlyList<RuleDiagnostic> Diagnostics,
    string? RenderError,
    DateTimeOffset? RenderErrorAt);
