namespace RuleHost.Sources;

/// <summary>PublishResult is what the engine made of a published batch: how many events it accepted, or why it refused them all.</summary>
public readonly record struct PublishResult(int Accepted, string? Error = null)
{
    public bool Ok => Error is null;
}
