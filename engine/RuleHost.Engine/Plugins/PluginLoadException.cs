namespace RuleHost.Engine.Plugins;

/// <summary>PluginLoadException says why a plugin folder could not be loaded, in words for GET /api/v1/plugins.</summary>
internal sealed class PluginLoadException(string message, Exception? inner = null) : Exception(message, inner);
