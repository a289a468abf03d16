using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>NoSinks is the stand-in sink catalog until plugins are loaded: every target waits with "sink 'x' is not loaded".</summary>
internal sealed class NoSinks : ISinkCatalog
{
    public bool TryGetSink(string sinkName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ISinkPlugin? sink)
    {
        sink = null;
        return false;
    }
}
