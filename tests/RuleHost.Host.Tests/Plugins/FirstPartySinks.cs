using RuleHost.Engine.Plugins;
using RuleHost.Notifications;

namespace RuleHost.Host.Tests.Plugins;

/// <summary>FirstPartySinks loads each first-party sink from the folder the build deployed, through the real plugin loader.</summary>
internal static class FirstPartySinks
{
    private static readonly Lazy<Dictionary<string, ISinkPlugin>> Loaded = new(() =>
        Directory.GetDirectories(PluginFolders.FirstParty)
            .Select(folder => new PluginFolderLoader(TimeProvider.System).Load(folder))
            .SelectMany(p => p.Sinks)
            .ToDictionary(s => s.Name, s => (ISinkPlugin)s));

    public static ISinkPlugin Get(string name) => Loaded.Value[name];

    /// <summary>Create makes a sink for a target named <c>t</c> from settings given as pairs.</summary>
    public static INotificationSink Create(string name, HttpClient http, TimeProvider? time = null, params (string Key, string Value)[] settings) =>
        Get(name).Create(new SinkSettings("t", settings.ToDictionary(s => s.Key, s => s.Value), http) { Time = time ?? TimeProvider.System });
}
