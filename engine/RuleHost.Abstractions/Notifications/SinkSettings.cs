namespace RuleHost.Notifications;

/// <summary>SinkSettings are one target's configuration, flattened (<c>Url</c>, <c>Secret</c>, <c>Headers:X-Team</c>), plus the engine's HTTP client.</summary>
public sealed class SinkSettings(string target, IReadOnlyDictionary<string, string> values, HttpClient http)
{
    public string Target { get; } = target;

    /// <summary>Values holds every setting of the target, keys compared case-insensitively; nested sections are joined with ':'.</summary>
    public IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);

    /// <summary>Http is shared and owned by the engine; per-attempt timeouts come through the cancellation token.</summary>
    public HttpClient Http { get; } = http;

    public string? this[string key] => Values.GetValueOrDefault(key);

    public string? Url => this["Url"];

    public string? Secret => this["Secret"];

    /// <summary>Headers are the target's <c>Headers:Name</c> settings, added to every request.</summary>
    public IReadOnlyDictionary<string, string> Headers =>
        Values.Where(kv => kv.Key.StartsWith("Headers:", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(kv => kv.Key["Headers:".Length..], kv => kv.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Require returns a setting or throws an <see cref="ArgumentException"/> naming it.</summary>
    public string Require(string key) =>
        this[key] is { Length: > 0 } value ? value : throw new ArgumentException($"target '{Target}' needs the setting '{key}'", key);
}
