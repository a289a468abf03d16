namespace RuleHost.Engine.Silences;

/// <summary>IMuter tells whether an alert's notifications are muted now (silences; inhibitions could follow).</summary>
internal interface IMuter
{
    bool IsMuted(Alert alert, DateTimeOffset now);
}
