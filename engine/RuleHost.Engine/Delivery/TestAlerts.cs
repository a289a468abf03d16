using RuleHost.Engine.Alerts;
using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>TestAlerts sends a synthetic alert to one target through the same render, outbox and delivery path, and previews bodies.</summary>
/// <remarks>A test notification skips silences and flood control: it exists to check the way to a target.</remarks>
internal sealed class TestAlerts(TargetCatalog targets, BodyRenderer renderer, RenderStage render, OutboxStage outbox, TimeProvider clock)
{
    /// <summary>Synthetic makes the alert a test sends: rule <c>TestAlert</c> unless given, firing now.</summary>
    public Alert Synthetic(string target, string? rule, Severity? severity, string? summary, IReadOnlyDictionary<string, string>? labels)
    {
        var now = clock.GetUtcNow();
        var name = string.IsNullOrWhiteSpace(rule) ? "TestAlert" : rule;
        return new Alert
        {
            Fingerprint = Fingerprint.Of(name, target),
            Rule = name,
            Key = target,
            State = AlertState.Firing,
            Severity = severity ?? Severity.Warning,
            Summary = summary ?? $"Test notification from RuleHost to {target}",
            Labels = labels ?? new Dictionary<string, string>(),
            StartsAt = now,
            FiredAt = now,
        };
    }

    /// <summary>SendAsync writes a test notification to the outbox, then waits for its first attempt; null if the target is unknown.</summary>
    public async Task<AttemptRecord?> SendAsync(Alert alert, string target, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (targets.Find(target) is null)
            return null;
        var item = new Outgoing(alert, target, NotificationKind.Test, null) { FirstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        outbox.Exec(render.Exec([item], clock.GetUtcNow()), clock.GetUtcNow());
        return await item.FirstAttempt.Task.WaitAsync(wait, cancellationToken);
    }

    /// <summary>Preview renders the body a target would get for an alert, without sending; null if the target is unknown.</summary>
    public (Outgoing Item, bool Rendered)? Preview(Alert alert, string target, NotificationKind kind, string? ruleTemplate)
    {
        if (targets.Find(target) is null)
            return null;
        var item = new Outgoing(alert, target, kind, ruleTemplate) { CreatedAt = clock.GetUtcNow() };
        return (item, renderer.TryRender(item));
    }
}
