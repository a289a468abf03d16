using Microsoft.Extensions.Logging;

namespace RuleHost.Engine.Plugins;

/// <summary>PluginLog holds the plugin host's log messages, source-generated, event ids 1200-1249.</summary>
internal static partial class PluginLog
{
    [LoggerMessage(1200, LogLevel.Information, "Watching {Path} for plugins")]
    public static partial void Watching(ILogger logger, string path);

    [LoggerMessage(1201, LogLevel.Information, "Plugin {Name} {Version} loaded in {Milliseconds} ms: sinks [{Sinks}], sources [{Sources}]")]
    public static partial void Loaded(ILogger logger, string name, string version, long milliseconds, string sinks, string sources);

    [LoggerMessage(1202, LogLevel.Error, "Plugin {Name} did not load: {Error}")]
    public static partial void Failed(ILogger logger, string name, string error);

    [LoggerMessage(1203, LogLevel.Information, "Plugin {Name} removed and unloaded")]
    public static partial void Removed(ILogger logger, string name);

    [LoggerMessage(1204, LogLevel.Warning, "Watching {Path} failed ({Message}); rescanning every plugin folder")]
    public static partial void WatcherFailed(ILogger logger, string path, string message);

    [LoggerMessage(1205, LogLevel.Error, "Refreshing plugins failed")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(1206, LogLevel.Warning, "Plugin {Name}: {Conflict}; it serves nothing until that is resolved")]
    public static partial void Conflict(ILogger logger, string name, string conflict);
}
