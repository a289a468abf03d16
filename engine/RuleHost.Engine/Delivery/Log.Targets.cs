using Microsoft.Extensions.Logging;

namespace RuleHost.Engine.Delivery;

// The target reload's part of Log (TargetReloadService): event ids 1330-1339.
internal static partial class Log
{
    [LoggerMessage(1330, LogLevel.Information, "Watching {Path} for target changes")]
    public static partial void WatchingTargets(ILogger logger, string path);

    [LoggerMessage(1331, LogLevel.Information, "Targets reloaded from {Path}: added [{Added}], changed [{Updated}], removed [{Removed}]")]
    public static partial void TargetsReloaded(ILogger logger, string path, string added, string updated, string removed);

    [LoggerMessage(1332, LogLevel.Error, "{Path}: the edited targets were rejected; the previous targets keep working:\n{Problems}")]
    public static partial void TargetsRejected(ILogger logger, string path, string problems);

    [LoggerMessage(1333, LogLevel.Warning, "Target {Target} was removed: notifications for it still in the outbox are dead-lettered at their next attempt")]
    public static partial void TargetRemoved(ILogger logger, string target);

    [LoggerMessage(1334, LogLevel.Warning, "Watching {Path} failed ({Message}); reading it again")]
    public static partial void TargetWatcherFailed(ILogger logger, string path, string message);

    [LoggerMessage(1335, LogLevel.Error, "Reloading the targets failed; the previous targets keep working")]
    public static partial void TargetReloadFailed(ILogger logger, Exception exception);
}
