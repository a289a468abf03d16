namespace RuleHost.Sources;

/// <summary>ISourcePlugin is what an event-source plugin exports: a named kind of source (<c>"Source": "nats"</c>).</summary>
public interface ISourcePlugin
{
    /// <summary>Name is the value of a source's <c>Source</c> setting, e.g. <c>nats</c>, <c>rabbitmq</c>.</summary>
    string Name { get; }

    /// <summary>Create makes one configured source; throw <see cref="ArgumentException"/> naming a bad setting.</summary>
    IEventSource Create(SourceSettings settings);
}
