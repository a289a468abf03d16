namespace RuleHost.Engine.Alertmanager;

/// <summary>GettableAlertStatus is Alertmanager's alertStatus: active, suppressed or unprocessed, and by what.</summary>
internal sealed record GettableAlertStatus(string State, IReadOnlyList<string> SilencedBy, IReadOnlyList<string> InhibitedBy);
