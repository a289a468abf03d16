namespace RuleHost.Engine.Silences;

/// <summary>SilenceProblem is one reason a silence is refused, naming the JSON field (e.g. <c>matchers[1].value</c>).</summary>
internal sealed record SilenceProblem(string Field, string Message);
