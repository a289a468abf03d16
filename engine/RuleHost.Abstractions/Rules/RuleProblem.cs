namespace RuleHost.Rules;

/// <summary>RuleProblem is a misuse of the rule language found while a file registers its rules.</summary>
internal sealed record RuleProblem(string Id, string Message, string File, int Line);
