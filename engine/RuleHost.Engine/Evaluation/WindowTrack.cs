namespace RuleHost.Engine.Evaluation;

/// <summary>WindowTrack is an alert track that also keeps a sliding window of its key's events.</summary>
internal sealed class WindowTrack : AlertTrack
{
    public SlidingWindow? Window { get; set; }

    /// <summary>Refilling tells that an edit restarted the window of an active alert and it has not yet held MinEvents.</summary>
    public bool Refilling { get; set; }
}
