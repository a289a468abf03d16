namespace RuleHost.Engine.Templates;

/// <summary>TemplateUpdateKind: nothing changed, a new version went live, or the new source failed.</summary>
internal enum TemplateUpdateKind
{
    Unchanged,
    Compiled,
    Failed,
}
