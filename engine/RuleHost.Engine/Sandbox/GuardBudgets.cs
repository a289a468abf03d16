using RuleHost.Sandbox;

namespace RuleHost.Engine.Sandbox;

/// <summary>GuardBudgets holds the default allowances of one rule evaluation.</summary>
internal static class GuardBudgets
{
    public const long MaxOperations = 1_000_000;
    public static readonly TimeSpan MaxTime = TimeSpan.FromMilliseconds(250);
    public const long MaxAllocatedBytes = 64L * 1024 * 1024;

    public static GuardBudget Evaluation() => new(MaxOperations, MaxTime, MaxAllocatedBytes);
}
