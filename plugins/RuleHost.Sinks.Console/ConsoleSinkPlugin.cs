using RuleHost.Notifications;

namespace RuleHost.Sinks.Console;

/// <summary>ConsoleSinkPlugin is the <c>console</c> sink: one line per notification on standard output; no settings.</summary>
public sealed class ConsoleSinkPlugin : ISinkPlugin
{
    public string Name => "console";

    public string DefaultTemplate => EmbeddedTemplate.Read(typeof(ConsoleSinkPlugin).Assembly, "console.cshtml");

    public string ContentType => "text/plain";

    public INotificationSink Create(SinkSettings settings) => new ConsoleSink(System.Console.Out);
}
