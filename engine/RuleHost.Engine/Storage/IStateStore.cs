using RuleHost.Engine.Alerts;

namespace RuleHost.Engine.Storage;

/// <summary>IStateStore keeps what the engine needs to carry on after a restart: alerts, their history and the rules' tracks.</summary>
/// <remarks>
/// One writer (<see cref="StateWriter"/>) calls <see cref="Write"/> with batches; readers call the rest. SQLite is the
/// default (<see cref="SqliteStateStore"/>); another database plugs in here without touching the engine.
/// </remarks>
internal interface IStateStore
{
    /// <summary>Load reads the saved state: every active alert, the most recently resolved ones, every track.</summary>
    SavedState Load(int resolvedToKeep);

    /// <summary>Write commits one batch atomically.</summary>
    void Write(StateBatch batch);

    /// <summary>History lists an alert's changes, oldest first.</summary>
    IReadOnlyList<AlertChange> History(string fingerprint, int limit);
}
