using RuleHost.Notifications;

namespace RuleHost.Engine.Tests.Templates;

/// <summary>TestSink is a sink plugin with its own default template; it never sends (rendering is what is under test).</summary>
internal sealed class TestSink(string defaultTemplate, string contentType = "application/json", string name = "test") : ISinkPlugin
{
    public const string JsonDefault = """
        @model RuleHost.Notifications.NotificationModel
        {"default": true, "summary": "@Model.Alert.Summary"}
        """;

    public string Name { get; } = name;

    public string DefaultTemplate { get; set; } = defaultTemplate;

    public string ContentType { get; } = contentType;

    public INotificationSink Create(SinkSettings settings) => throw new NotSupportedException("rendering tests never send");
}
