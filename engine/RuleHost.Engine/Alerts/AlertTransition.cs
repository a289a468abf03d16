namespace RuleHost.Engine.Alerts;

/// <summary>AlertTransition is one change of an alert's state; Previous is null for a new alert.</summary>
internal sealed record AlertTransition(Alert Alert, AlertState? Previous)
{
    /// <summary>WasNotifiable tells whether receivers heard of this alert: a pending alert that never fired resolves silently.</summary>
    public bool IsNotifiable => Alert.State is AlertState.Firing || (Alert.State is AlertState.Resolved && Alert.FiredAt is not null);
}
