namespace RuleHost.Rules;

/// <summary>RouteSpec sends alerts whose rule names no targets to the targets of the first route that accepts them.</summary>
internal sealed record RouteSpec(Func<Alert, bool> When, IReadOnlyList<string> Targets, string File, int Line);
