using Microsoft.Extensions.Logging;

namespace RuleHost.Engine.Hosting;

// The retention's part of Log (RetentionService): event ids 1350-1359.
internal static partial class Log
{
    [LoggerMessage(1350, LogLevel.Information, "Pruned {Count} rows of {Table} older than {Retention}")]
    public static partial void Pruned(ILogger logger, long count, string table, TimeSpan retention);

    [LoggerMessage(1351, LogLevel.Error, "Pruning {Table} failed; the next run tries again")]
    public static partial void PruneFailed(ILogger logger, string table, Exception exception);
}
