namespace RuleHost.Notifications;

/// <summary>SinkSettings are one target's configuration, flattened (<c>Url</c>, <c>Secret</c>, <c>Headers:X-Team</c>), plus the engine's HTTP client.</summary>
public sealed class SinkSettings(string target, IReadOnlyDictionary<string, string> values, HttpClient http)
{
    public string Target { get; } = target;

    /// <summary>Values holds every setting of the target, keys compared case-insensitively; nested sections are joined with ':'.</summary>
    public IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);

    /// <summary>Http is shared and owned by the engine; per-attempt timeouts come through the cancellation token.</summary>
    public HttpClient Http { get; } = http;

    /// <summary>Time is the engine's clock (signature timestamps, <c>Retry-After</c> dates).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public string? this[string key] => Values.GetValueOrDefault(key);

    public string? Url => this["Url"];

    public string? Secret => this["Secret"];

    /// <summary>Headers are the target's <c>Headers:Name</c> settings, added to every request.</summary>
    public IReadOnlyDictionary<string, string> Headers =>
        Values.Where(kv => kv.Key.StartsWith("Headers:", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(kv => kv.Key["Headers:".Length..], kv => kv.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>HttpUrl reads the <c>Url</c> setting (or <paramref name="defaultUrl"/>) as an absolute http(s) URL, or throws an <see cref="ArgumentException"/> naming it.</summary>
    public Uri HttpUrl(string? defaultUrl = null)
    {
        var text = Url is { Length: > 0 } url ? url : defaultUrl ?? Require("Url");
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return uri;
        var setting = "Url";
        throw new ArgumentException($"target '{Target}': the setting 'Url' must be an absolute http or https URL (was '{text}')", setting);
    }

    /// <summary>Require returns a setting or throws an <see cref="ArgumentException"/> naming it.</summary>
    public string Require(string key) =>
        this[key] is { Length: > 0 } value ? value : throw new ArgumentException($"target '{Target}' needs the setting '{key}'", key);
}
