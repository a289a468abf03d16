using Microsoft.Extensions.Logging;

namespace RuleHost.Engine.Hosting;

// The silences' and ingest dedup's part of Log: event ids 1100-1149.
internal static partial class Log
{
    [LoggerMessage(1100, LogLevel.Information, "Loaded {Count} silences from {Path}")]
    public static partial void SilencesLoaded(ILogger logger, int count, string path);

    [LoggerMessage(1101, LogLevel.Information, "Silence {Id} created: {Matchers} until {EndsAt:O} by {CreatedBy}")]
    public static partial void SilenceCreated(ILogger logger, string id, string matchers, DateTimeOffset endsAt, string createdBy);

    [LoggerMessage(1102, LogLevel.Information, "Silence {Id} updated")]
    public static partial void SilenceUpdated(ILogger logger, string id);

    [LoggerMessage(1103, LogLevel.Information, "Silence {Id} expired")]
    public static partial void SilenceExpired(ILogger logger, string id);
}
