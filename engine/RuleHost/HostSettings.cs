namespace RuleHost.Host;

/// <summary>HostSettings are the command-line choices of <c>rulehost run</c>; null means "from configuration or the default".</summary>
internal sealed record HostSettings(
    string? RulesPath = null,
    string? PluginsPath = null,
    string? ConfigFile = null,
    string? DataPath = null,
    string? Urls = null);
