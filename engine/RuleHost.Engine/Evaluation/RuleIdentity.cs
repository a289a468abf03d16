using RuleHost.Rules;

namespace RuleHost.Engine.Evaluation;

/// <summary>RuleIdentity names a rule without holding its code, so bookkeeping that outlives a version cannot pin its load context.</summary>
internal sealed record RuleIdentity(string Name, RuleKind Kind, string File);
