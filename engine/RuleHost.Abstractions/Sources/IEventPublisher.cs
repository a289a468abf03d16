namespace RuleHost.Sources;

/// <summary>IEventPublisher hands events to the engine exactly as <c>POST /api/v1/events</c> takes them.</summary>
public interface IEventPublisher
{
    /// <summary>PublishAsync ingests UTF-8 JSON: one event object, an array, or NDJSON; it waits while the engine's queue is full (back-pressure).</summary>
    /// <remarks>An invalid batch is refused whole (nothing accepted) and the result says which item and field; a source should acknowledge its broker message only after this returns.</remarks>
    ValueTask<PublishResult> PublishAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken);
}
