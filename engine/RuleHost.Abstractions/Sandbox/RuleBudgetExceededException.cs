namespace RuleHost.Sandbox;

/// <summary>RuleBudgetExceededException aborts an evaluation that spent its budget; the sandbox makes it uncatchable by rule code.</summary>
public sealed class RuleBudgetExceededException(string reason) : Exception($"rule stopped: it {reason}");
