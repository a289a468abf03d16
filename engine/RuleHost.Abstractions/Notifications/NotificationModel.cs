namespace RuleHost.Notifications;

/// <summary>NotificationModel is what a notification template sees (<c>@Model</c>): the alert, why it is sent, and where.</summary>
public sealed record NotificationModel
{
    public required Alert Alert { get; init; }

    public required NotificationKind Kind { get; init; }

    /// <summary>Target is the configured target name.</summary>
    public required string Target { get; init; }

    /// <summary>NotificationId is the outbox id (the <c>webhook-id</c>).</summary>
    public string NotificationId { get; init; } = "";

    /// <summary>Alerts are the alerts a flood summary stands for; otherwise just <see cref="Alert"/>.</summary>
    public IReadOnlyList<Alert> Alerts { get; init; } = [];

    /// <summary>Settings are the target's settings (e.g. a PagerDuty <c>RoutingKey</c>), for templates that need them.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>AlertUrl links to this alert in RuleHost's API.</summary>
    public string? AlertUrl { get; init; }

    public DateTimeOffset Now { get; init; }

    public string Rule => Alert.Rule;

    public IReadOnlyDictionary<string, string> Labels => Alert.Labels;

    public string? Runbook => Alert.Runbook;

    /// <summary>Setting reads one target setting, or null.</summary>
    public string? Setting(string key) => Settings.TryGetValue(key, out var v) ? v : Settings.FirstOrDefault(kv => string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
}
