namespace RuleHost.Testing;

/// <summary>RuleTestNotification is one alert change that would be notified, and the targets it would go to.</summary>
public sealed record RuleTestNotification(Alert Alert, IReadOnlyList<string> Targets);
