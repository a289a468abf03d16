using RuleHost.Engine.Rules;

namespace RuleHost.Engine.Notifications;

/// <summary>NotificationRouter picks an alert's targets: the rule's NotifyTo, else the first Route that accepts it.</summary>
internal static class NotificationRouter
{
    public static IReadOnlyList<string> TargetsOf(Alert alert, RuleSet rules)
    {
        if (alert.Targets.Count > 0)
            return alert.Targets;
        foreach (var route in rules.Routes)
        {
            try
            {
                if (route.When(alert))
                    return route.Targets;
            }
            catch (Exception)
            {
                // A route that throws declines the alert; the next route may take it.
            }
        }

        return [];
    }
}
