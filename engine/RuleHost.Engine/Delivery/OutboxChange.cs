namespace RuleHost.Engine.Delivery;

/// <summary>OutboxChange is one write the attempt recorder batches: an audit line, and what becomes of the outbox row.</summary>
internal sealed record OutboxChange(AttemptRecord? Record, long Seq, OutboxRowChange Row, int Attempts = 0, DateTimeOffset NextAttempt = default, string? Error = null);

/// <summary>OutboxRowChange: delivered rows are deleted (the audit trail keeps their story), dead ones stay visible, parked ones get a next attempt time.</summary>
internal enum OutboxRowChange
{
    None,
    Delete,
    Dead,
    Reschedule,
}
