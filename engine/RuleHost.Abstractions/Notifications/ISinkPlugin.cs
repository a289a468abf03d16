namespace RuleHost.Notifications;

/// <summary>ISinkPlugin is what a sink plugin exports: a named kind of sink (<c>"Sink": "webhook"</c>) and its default body.</summary>
public interface ISinkPlugin
{
    /// <summary>Name is the value of a target's <c>Sink</c> setting, e.g. <c>webhook</c>, <c>slack</c>.</summary>
    string Name { get; }

    /// <summary>DefaultTemplate is the Razor source of the default body, rendered with a <see cref="NotificationModel"/>.</summary>
    string DefaultTemplate { get; }

    /// <summary>ContentType of the rendered body; <c>application/json</c> bodies are rendered JSON-escaped.</summary>
    string ContentType { get; }

    /// <summary>Create makes the sink for one target from its settings; throw <see cref="ArgumentException"/> naming a bad setting.</summary>
    INotificationSink Create(SinkSettings settings);
}
