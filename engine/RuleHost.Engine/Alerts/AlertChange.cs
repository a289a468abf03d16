namespace RuleHost.Engine.Alerts;

/// <summary>AlertChange is one entry of an alert's history: what it became, when (host clock), and who did it if a person did.</summary>
internal sealed record AlertChange(string Fingerprint, AlertState State, DateTimeOffset At, string? By, string? Comment);
