namespace RuleHost.Engine.Storage;

/// <summary>ICheckpointBarrier holds a checkpoint back until what followed from the changes it covers is durable elsewhere (the notification outbox).</summary>
/// <remarks>
/// A checkpoint moves the journal position: after a crash, events before it are not evaluated again. So the
/// notifications those events caused must be in the outbox first, or a crash in between would lose them.
/// </remarks>
internal interface ICheckpointBarrier
{
    /// <summary>Mark counts what was handed on so far; read on the evaluation thread when a checkpoint is taken.</summary>
    long Mark { get; }

    /// <summary>WaitAsync completes once everything up to <paramref name="mark"/> is durable.</summary>
    Task WaitAsync(long mark, CancellationToken cancellationToken);
}
