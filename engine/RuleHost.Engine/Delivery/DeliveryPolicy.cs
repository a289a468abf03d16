namespace RuleHost.Engine.Delivery;

/// <summary>DeliveryPolicy is what a rule says about its notifications (Template, SuppressFor, EscalateTo), captured on the evaluation thread.</summary>
internal sealed record DeliveryPolicy(string? Template, TimeSpan? SuppressFor, IReadOnlyList<(string Target, TimeSpan After)> Escalations)
{
    /// <summary>None is the policy of alerts without a rule here, such as those posted through the Alertmanager API.</summary>
    public static readonly DeliveryPolicy None = new(null, null, []);
}
