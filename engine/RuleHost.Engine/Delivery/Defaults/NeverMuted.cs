using RuleHost.Engine.Silences;

namespace RuleHost.Engine.Delivery;

/// <summary>NeverMuted is the stand-in muter until silences are registered.</summary>
internal sealed class NeverMuted : IMuter
{
    public bool IsMuted(Alert alert, DateTimeOffset now) => false;
}
