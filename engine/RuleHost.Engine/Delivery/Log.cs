using Microsoft.Extensions.Logging;

namespace RuleHost.Engine.Delivery;

/// <summary>Log holds the delivery path's log messages (event ids 1300-1349).</summary>
internal static partial class Log
{
    [LoggerMessage(1300, LogLevel.Warning, "Template problem for notification {Id} to {Target}; the fallback body is sent: {Problem}")]
    public static partial void RenderProblem(ILogger logger, string id, string target, string problem);

    [LoggerMessage(1301, LogLevel.Error, "Writing {Count} audit lines and outbox changes failed; those notifications stay pending")]
    public static partial void RecordingFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(1302, LogLevel.Warning, "The notification queue was full: {Count} alert changes were not notified (Delivery:QueueCapacity)")]
    public static partial void Overflow(ILogger logger, long count);

    [LoggerMessage(1303, LogLevel.Error, "Writing {Count} notifications to the outbox failed; retrying")]
    public static partial void OutboxWriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(1304, LogLevel.Information, "Resuming {Count} undelivered notifications from the outbox")]
    public static partial void Resuming(ILogger logger, int count);

    [LoggerMessage(1307, LogLevel.Error, "Saving {Count} changes of the repeat, escalation and flood-control timers failed; retrying")]
    public static partial void TimersWriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(1308, LogLevel.Information, "Resumed the repeat and escalation timers of {Count} alerts restored active")]
    public static partial void TimersResumed(ILogger logger, int count);

    [LoggerMessage(1309, LogLevel.Information, "Took back {Count} notifications flood control folded before the restart, for {Targets} targets; their summaries go out when their intervals end")]
    public static partial void FoldsRestored(ILogger logger, int count, int targets);

    [LoggerMessage(1320, LogLevel.Error, "A delivery sender failed; its notification stays pending in the outbox and is sent again after a restart")]
    public static partial void SenderFailed(ILogger logger, Exception exception);

    [LoggerMessage(1305, LogLevel.Warning, "Notification {Id} to {Target} is dead-lettered after attempt {Attempt}: {Error}")]
    public static partial void DeadLettered(ILogger logger, string id, string target, int attempt, string? error);

    [LoggerMessage(1306, LogLevel.Error, "The delivery pipeline failed on a batch of {Count} notifications")]
    public static partial void PipelineFailed(ILogger logger, int count, Exception exception);
}
