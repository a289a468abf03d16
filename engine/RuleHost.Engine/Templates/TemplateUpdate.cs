namespace RuleHost.Engine.Templates;

/// <summary>TemplateUpdate says what bringing a template up to date did, so the renderer logs each change once.</summary>
internal readonly record struct TemplateUpdate(TemplateUpdateKind Kind, TimeSpan Took)
{
    public static readonly TemplateUpdate Unchanged = new(TemplateUpdateKind.Unchanged, TimeSpan.Zero);
}
