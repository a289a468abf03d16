using Microsoft.Extensions.Logging;

namespace RuleHost.Engine.Hosting;

/// <summary>Log holds the engine's log messages, source-generated, each with its own event id.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Rule set {Generation} is live with {Count} rules")]
    public static partial void RuleSetApplied(ILogger logger, long generation, int count);

    [LoggerMessage(1001, LogLevel.Information, "Loaded {Path} version {Version} ({Count} rules)")]
    public static partial void RuleFileLoaded(ILogger logger, string path, int version, int count);

    [LoggerMessage(1002, LogLevel.Error, "{Path} did not load; the previous version keeps running:\n{Diagnostics}")]
    public static partial void RuleFileFailed(ILogger logger, string path, string diagnostics);

    [LoggerMessage(1003, LogLevel.Warning, "Watching {Path} failed ({Message}); rescanning the whole folder")]
    public static partial void WatcherFailed(ILogger logger, string path, string message);

    [LoggerMessage(1004, LogLevel.Information, "Watching {Path} for rule changes")]
    public static partial void Watching(ILogger logger, string path);

    [LoggerMessage(1005, LogLevel.Error, "Reloading rules failed")]
    public static partial void ReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(1006, LogLevel.Information, "{Path} removed; its rules are gone")]
    public static partial void RuleFileRemoved(ILogger logger, string path);

    [LoggerMessage(1007, LogLevel.Information, "Recording received events to {Path}")]
    public static partial void Recording(ILogger logger, string path);

    [LoggerMessage(1008, LogLevel.Warning, "The recorder could not keep up and skipped {Count} events")]
    public static partial void RecordingSkipped(ILogger logger, long count);

    [LoggerMessage(1009, LogLevel.Error, "Saving {Count} state changes failed; retrying")]
    public static partial void StateWriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(1010, LogLevel.Information, "Restored {Tracks} rule tracks and {Alerts} other alerts from {Path} in {Milliseconds} ms")]
    public static partial void StateRestored(ILogger logger, int alerts, int tracks, string path, long milliseconds);

    [LoggerMessage(1011, LogLevel.Warning, "Evaluated {Records} journaled requests again that the last checkpoint did not include (the host stopped without saving them)")]
    public static partial void JournalReplayed(ILogger logger, int records);

    [LoggerMessage(1012, LogLevel.Error, "Rule {Rule} was stuck for {Milliseconds} ms inside one library call: its evaluation thread is abandoned, the rule quarantined, and evaluation goes on on a new thread")]
    public static partial void EvaluationAbandoned(ILogger logger, string rule, long milliseconds);

    [LoggerMessage(1013, LogLevel.Warning, "A checkpoint waited {Seconds} s for the notification outbox and went ahead; a crash now could lose notifications of the last events")]
    public static partial void CheckpointBarrierTimedOut(ILogger logger, long seconds);
}
