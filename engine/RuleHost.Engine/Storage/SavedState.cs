using RuleHost.Engine.Evaluation;

namespace RuleHost.Engine.Storage;

/// <summary>SavedState is what <see cref="IStateStore.Load"/> found: alerts for the API and tracks for the engine.</summary>
/// <remarks>
/// Alerts holds the resolved alerts to list and the active alerts no track holds; an active alert whose track was saved
/// is rebuilt from the track once its rule is back (<see cref="Evaluation.RuleEngine.ActiveAlerts"/>), which halves
/// what a start with many alerts must parse. JournalRecord is the last event-journal record the tracks include.
/// </remarks>
internal sealed record SavedState(IReadOnlyList<Alert> Alerts, IReadOnlyList<TrackState> Tracks, long JournalRecord);
