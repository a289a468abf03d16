using RuleHost.Engine.Alertmanager;
using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Notifications;
using RuleHost.Engine.Rules;
using RuleHost.Engine.Silences;

namespace RuleHost.Host.Api;

/// <summary>GettableAlertMapper shows RuleHost alerts in Alertmanager's gettableAlert shape.</summary>
/// <remarks>
/// Posted alerts come back as they were posted. A rule's alert gets labels alertname (the rule) and severity on top
/// of its own, annotations summary, description and runbook_url, and, since it has no planned end while active,
/// Go's zero time as endsAt (what Alertmanager itself uses for "not set").
/// </remarks>
internal sealed class GettableAlertMapper(RuleSet rules, IMuter? muter, DateTimeOffset now)
{
    public const string Active = "active";
    public const string Suppressed = "suppressed";

    private static readonly DateTimeOffset NotSet = new(1, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public GettableAlert FromPosted(ExternalAlertView view) =>
        Map(view.Alert, view.Alert.Labels, view.Annotations, view.EndsAt, view.UpdatedAt, view.GeneratorUrl);

    public GettableAlert FromRule(Alert alert)
    {
        var labels = new Dictionary<string, string>(alert.Labels, StringComparer.Ordinal);
        labels.TryAdd(PostedAlertValidator.AlertName, alert.Rule);
        labels.TryAdd("severity", alert.Severity.ToString().ToLowerInvariant());
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal) { ["summary"] = alert.Summary };
        if (alert.Description is { } description)
            annotations["description"] = description;
        if (alert.Runbook is { } runbook)
            annotations["runbook_url"] = runbook;
        return Map(alert, labels, annotations, NotSet, alert.FiredAt ?? alert.StartsAt, null);
    }

    private GettableAlert Map(
        Alert alert, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations,
        DateTimeOffset endsAt, DateTimeOffset updatedAt, string? generatorUrl)
    {
        var muted = muter?.IsMuted(alert, now) ?? false;
        var receivers = NotificationRouter.TargetsOf(alert, rules).Select(t => new GettableReceiver(t)).ToList();
        return new GettableAlert(
            labels,
            annotations,
            alert.StartsAt,
            endsAt,
            updatedAt,
            alert.Fingerprint,
            new GettableAlertStatus(muted ? Suppressed : Active, [], []),
            receivers,
            generatorUrl);
    }
}
