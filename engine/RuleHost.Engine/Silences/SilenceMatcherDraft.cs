namespace RuleHost.Engine.Silences;

/// <summary>SilenceMatcherDraft is one matcher as JSON carries it (in requests and in the <c>silences</c> table): <c>isEqual</c> defaults to true.</summary>
internal sealed record SilenceMatcherDraft(string? Name, string? Value, bool IsRegex = false, bool? IsEqual = null)
{
    public static SilenceMatcherDraft Of(SilenceMatcher m) => new(m.Name, m.Value, m.IsRegex, m.IsEqual);
}
