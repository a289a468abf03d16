namespace RuleHost.Notifications;

/// <summary>NotificationKind says why a notification is sent.</summary>
public enum NotificationKind
{
    /// <summary>Firing: the alert started firing.</summary>
    Firing,

    /// <summary>Repeat: the alert is still firing and its SuppressFor interval has passed.</summary>
    Repeat,

    /// <summary>Escalation: the alert is still unacknowledged after the rule's EscalateTo delay.</summary>
    Escalation,

    /// <summary>Acknowledged: someone acknowledged the alert (sinks such as PagerDuty are told).</summary>
    Acknowledged,

    /// <summary>Resolved: the alert ended.</summary>
    Resolved,

    /// <summary>FloodSummary: one message standing for the notifications that flood control folded.</summary>
    FloodSummary,

    /// <summary>Test: a synthetic alert sent through POST /api/v1/test-alert.</summary>
    Test,
}
