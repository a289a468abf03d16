using RuleHost.Notifications;

namespace RuleHost.Host.Tests.Plugins;

/// <summary>SinkTestData makes alerts and already-rendered notifications for sink tests (rendering is the renderer's job).</summary>
internal static class SinkTestData
{
    public const string Fingerprint = "3f2a9c41d07e5b18";

    public static Alert Alert(AlertState state = AlertState.Firing) => new()
    {
        Fingerprint = Fingerprint,
        Rule = "HighCpu",
        Key = "api",
        State = state,
        Severity = Severity.Critical,
        Summary = "CPU 93% on api",
        StartsAt = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero),
        Labels = new Dictionary<string, string> { ["team"] = "ops" },
    };

    public static Notification Notification(string target, NotificationKind kind = NotificationKind.Firing, string body = """{"hello":"world"}""") => new()
    {
        Id = Fingerprint + "-1",
        Target = target,
        Kind = kind,
        Alert = Alert(kind == NotificationKind.Resolved ? AlertState.Resolved : AlertState.Firing),
        Body = body,
        ContentType = "application/json",
    };
}
