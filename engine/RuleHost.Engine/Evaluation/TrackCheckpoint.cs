namespace RuleHost.Engine.Evaluation;

/// <summary>TrackCheckpoint is what changed in the engine's tracks since the previous checkpoint.</summary>
internal sealed record TrackCheckpoint(IReadOnlyList<TrackState> Saved, IReadOnlyList<(string Rule, string Key)> Forgotten)
{
    public bool IsEmpty => Saved.Count == 0 && Forgotten.Count == 0;
}
