namespace RuleHost.Engine.Silences;

/// <summary>SilenceSaveOutcome says what saving a silence did; <see cref="Replaced"/> is Alertmanager's update of a silence that cannot change in place (the old one is expired, a new id made).</summary>
internal enum SilenceSaveOutcome
{
    Created,
    Updated,
    Replaced,
    NotFound,
}
