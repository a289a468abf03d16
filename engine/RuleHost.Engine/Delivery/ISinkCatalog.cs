using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>ISinkCatalog finds the loaded sink plugin of a kind (a target's <c>Sink</c> setting); plugins come and go at run time.</summary>
internal interface ISinkCatalog
{
    bool TryGetSink(string sinkName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ISinkPlugin? sink);
}
