using RuleHost.Engine.Evaluation;

namespace RuleHost.Engine.Storage;

/// <summary>SavedState is what <see cref="IStateStore.Load"/> found: alerts for the API and tracks for the engine.</summary>
/// <remarks>JournalRecord is the last event-journal record the tracks include: later records are evaluated again.</remarks>
internal sealed record SavedState(IReadOnlyList<Alert> Alerts, IReadOnlyList<TrackState> Tracks, long JournalRecord);
