namespace RuleHost.Engine.Evaluation;

/// <summary>TrackCheckpoint is what changed in the engine's tracks since the previous checkpoint.</summary>
/// <remarks>JournalRecord is the last event-journal record fully evaluated when it was taken (0: none), set by the evaluation loop.</remarks>
/// <remarks>BarrierMark is how far the notification hand-off had got; the checkpoint commits only once that is durable.</remarks>
internal sealed record TrackCheckpoint(IReadOnlyList<TrackState> Saved, IReadOnlyList<(string Rule, string Key)> Forgotten, long JournalRecord = 0, long BarrierMark = 0);
