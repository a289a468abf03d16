namespace RuleHost.LoadTest.Compare;

/// <summary>Arrival is one notification POST as nginx logged it: when it was answered (<c>$msec</c>) and its <c>webhook-id</c> header ("-" when absent).</summary>
internal sealed record Arrival(DateTimeOffset At, string WebhookId);
