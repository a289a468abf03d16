namespace RuleHost.Engine.Delivery;

/// <summary>NotificationIds makes notification ids: the alert's fingerprint and a time-ordered unique part, so ids sort by creation.</summary>
internal static class NotificationIds
{
    public static string New(string fingerprint) => $"{fingerprint}-{Guid.CreateVersion7():N}";
}
