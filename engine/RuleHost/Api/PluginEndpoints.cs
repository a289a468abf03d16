using RuleHost.Engine.Plugins;

namespace RuleHost.Host.Api;

/// <summary>PluginEndpoints show every plugin folder: version, status, error, the sinks and sources it provides, and faults of its code.</summary>
internal static class PluginEndpoints
{
    public static IResult List(PluginCatalog catalog) =>
        Results.Ok(catalog.Status.Select(p => new
        {
            name = p.Name,
            version = p.Version,
            status = p.Failed ? "failed" : "loaded",
            error = p.Error,
            sinks = p.Sinks,
            sources = p.Sources,
            path = p.Path,
            loadedAt = p.LoadedAt,
            loads = p.Loads,
            faults = p.Faults,
            lastFault = p.LastFault,
            lastFaultAt = p.LastFaultAt,
        }));
}
