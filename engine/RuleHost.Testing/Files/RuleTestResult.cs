namespace RuleHost.Testing.Files;

/// <summary>RuleTestResult is the outcome of one test case: its failures, empty when it passed.</summary>
internal sealed record RuleTestResult(string File, string Name, IReadOnlyList<string> Failures, TimeSpan Duration)
{
    public bool Passed => Failures.Count == 0;
}
