using RuleHost.Engine.Rules;
using RuleHost.Engine.Sandbox;
using RuleHost.Sandbox;

namespace RuleHost.Engine.Notifications;

/// <summary>NotificationRouter picks an alert's targets: the rule's NotifyTo, else the first Route that accepts it.</summary>
internal static class NotificationRouter
{
    [ThreadStatic]
    private static GuardBudget? t_budget;

    public static IReadOnlyList<string> TargetsOf(Alert alert, RuleSet rules)
    {
        if (alert.Targets.Count > 0)
            return alert.Targets;
        var budget = t_budget ??= GuardBudgets.Evaluation();
        var outer = RuleGuard.Current;
        RuleGuard.Use(budget);
        try
        {
            foreach (var route in rules.Routes)
            {
                try
                {
                    budget.Reset();
                    if (route.When(alert))
                        return route.Targets;
                }
                catch (Exception)
                {
                    // A route that throws (or runs out of budget) declines the alert; the next route may take it.
                }
            }
        }
        finally
        {
            RuleGuard.Use(outer);
        }

        return [];
    }
}
