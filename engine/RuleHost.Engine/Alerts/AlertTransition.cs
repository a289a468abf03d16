namespace RuleHost.Engine.Alerts;

/// <summary>AlertTransition is one change of an alert's state; Previous is null for a new alert; By names a person for changes made through the API.</summary>
internal sealed record AlertTransition(Alert Alert, AlertState? Previous, string? By = null, string? Comment = null)
{
    /// <summary>IsNotifiable tells whether receivers hear of this change: a pending alert that never fired resolves silently.</summary>
    public bool IsNotifiable => Alert.State is AlertState.Firing or AlertState.Acknowledged || (Alert.State is AlertState.Resolved && Alert.FiredAt is not null);
}
