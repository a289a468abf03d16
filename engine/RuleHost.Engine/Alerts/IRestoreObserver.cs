namespace RuleHost.Engine.Alerts;

/// <summary>IRestoreObserver hears, once at start on the evaluation thread, the alerts that came back active from the saved state.</summary>
/// <remarks>
/// Called after the first rule set is applied and the journal replayed, before any later transition: so an observer can
/// take the restored alerts over before it hears what happens to them next. It must return quickly.
/// </remarks>
internal interface IRestoreObserver
{
    void OnRestored(IReadOnlyList<Alert> active);
}
