namespace RuleHost.Engine.Silences;

/// <summary>SilenceState is where a silence stands at a moment, in Alertmanager's words.</summary>
internal enum SilenceState
{
    Pending,
    Active,
    Expired,
}
