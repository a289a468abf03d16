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

    [ThreadStatic]
    private static long t_stackBytes;

    /// <summary>Tick spends one unit of the budget (a loop iteration, a goto).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tick()
    {
        var budget = t_budget;
        if (budget is not null && --budget.Countdown < 0)
            budget.Check();
    }

    /// <summary>Enter guards a method, local function or lambda: the stack must have room and the budget must last.</summary>
    /// <remarks>On a thread whose stack size is known the check is one comparison with the address of a local.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Enter()
    {
        var budget = t_budget;
        if (budget is null)
            return;
        byte probe = 0;
        if (budget.StackLimit != 0 ? (nuint)(&probe) < budget.StackLimit : !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            budget.Abort("recursed too deep");
        if (--budget.Countdown < 0)
            budget.Check();
    }

    /// <summary>Alive is false once the budget is spent: injected catch filters and finally blocks then step aside.</summary>
    public static bool Alive() => t_budget is not { IsSpent: true };

    internal static GuardBudget? Current => t_budget;

    /// <summary>Use makes <paramref name="budget"/> the one ticked by rule code on this thread (null to stop guarding).</summary>
    /// <remarks>Rule code may use half of what is left of a known stack below this call; elsewhere the runtime's own check applies.</remarks>
    internal static unsafe void Use(GuardBudget? budget)
    {
        t_budget = budget;
        if (budget is null)
            return;
        byte here = 0;
        var top = (nuint)(&here);
        budget.StackLimit = t_stackBytes > 0 ? top - (nuint)(t_stackBytes / 2) : 0;
    }

    /// <summary>KnownStack tells the guard how large this thread's stack is (threads the engine starts itself).</summary>
    internal static void KnownStack(long bytes) => t_stackBytes = bytes;
}
