using Microsoft.Extensions.Logging;

namespace RuleHost.Engine.Templates;

/// <summary>Log holds the template renderer's log messages (event ids 1250-1299).</summary>
internal static partial class Log
{
    [LoggerMessage(1250, LogLevel.Information, "Compiled template {Path} version {Version} in {Milliseconds} ms")]
    public static partial void TemplateCompiled(ILogger logger, string path, int version, long milliseconds);

    [LoggerMessage(1251, LogLevel.Error, "Template {Path} did not compile; {Fallback}:\n{Diagnostics}")]
    public static partial void TemplateFailed(ILogger logger, string path, string fallback, string diagnostics);

    [LoggerMessage(1252, LogLevel.Error, "Template failed to render: {Error}")]
    public static partial void TemplateRenderFailed(ILogger logger, string error, Exception exception);

    [LoggerMessage(1253, LogLevel.Warning, "Notification {NotificationId} to {Target} rendered with the {Sink} default template: {Problem}")]
    public static partial void FellBackToDefault(ILogger logger, string notificationId, string target, string sink, string problem);

    [LoggerMessage(1254, LogLevel.Error, "Notification {NotificationId} to {Target} rendered as the built-in minimal JSON: {Problem}")]
    public static partial void FellBackToMinimal(ILogger logger, string notificationId, string target, string problem);
}
