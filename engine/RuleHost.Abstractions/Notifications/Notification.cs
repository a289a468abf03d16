namespace RuleHost.Notifications;

/// <summary>Notification is one rendered message for one target, as stored in the outbox and handed to a sink.</summary>
public sealed record Notification
{
    /// <summary>Id is stable across every attempt (sent as <c>webhook-id</c>, so receivers can dedupe); it starts with the alert's fingerprint.</summary>
    public required string Id { get; init; }

    /// <summary>Target is the configured target name, e.g. <c>ops-slack</c>.</summary>
    public required string Target { get; init; }

    public required NotificationKind Kind { get; init; }

    public required Alert Alert { get; init; }

    /// <summary>Body is the rendered template output, sent as is.</summary>
    public required string Body { get; init; }

    public string ContentType { get; init; } = "application/json";

    /// <summary>Attempt counts from 1.</summary>
    public int Attempt { get; init; } = 1;

    public DateTimeOffset CreatedAt { get; init; }
}
