using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace RuleHost.Sandbox;

/// <summary>RuleGuard is what the sandbox injects into rule code: a budget ticked in loops and at every call, and a stack check.</summary>
/// <remarks>
/// Rule authors never call it; the compiler's rewrite does. The budget belongs to the evaluating thread and is
/// sticky: once spent, every further tick throws again, and catch filters and finally blocks injected beside it
/// see <see cref="Alive"/> false, so rule code that catches the abort cannot keep running.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RuleGuard
{
    [ThreadStatic]
    private static GuardBudget? t_budget;

    /// <summary>Tick spends one unit of the budget (a loop iteration, a goto).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tick()
    {
        var budget = t_budget;
        if (budget is not null && --budget.Countdown < 0)
            budget.Check();
    }

    /// <summary>Enter guards a method, local function or lambda: the stack must have room and the budget must last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Enter()
    {
        var budget = t_budget;
        if (budget is null)
            return;
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            budget.Abort("recursed too deep");
        if (--budget.Countdown < 0)
            budget.Check();
    }

    /// <summary>Alive is false once the budget is spent: injected catch filters and finally blocks then step aside.</summary>
    public static bool Alive() => t_budget is not { IsSpent: true };

    internal static GuardBudget? Current => t_budget;

    /// <summary>Use makes <paramref name="budget"/> the one ticked by rule code on this thread (null to stop guarding).</summary>
    internal static void Use(GuardBudget? budget) => t_budget = budget;
}
