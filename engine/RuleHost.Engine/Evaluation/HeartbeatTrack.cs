namespace RuleHost.Engine.Evaluation;

/// <summary>HeartbeatTrack remembers when a key was last heard from (host clock) and its last event.</summary>
internal sealed class HeartbeatTrack : AlertTrack
{
    public Event? LastEvent { get; set; }
}
