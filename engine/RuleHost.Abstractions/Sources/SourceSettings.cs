namespace RuleHost.Sources;

/// <summary>SourceSettings are one configured source's settings, flattened (<c>Url</c>, <c>Subject</c>, <c>Headers:X</c>).</summary>
public sealed class SourceSettings(string name, IReadOnlyDictionary<string, string> values)
{
    /// <summary>Name is the configured source name (its key under <c>RuleHost:Sources</c>).</summary>
    public string Name { get; } = name;

    /// <summary>Values holds every setting, keys compared case-insensitively; nested sections are joined with ':'.</summary>
    public IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public string? this[string key] => Values.GetValueOrDefault(key);

    /// <summary>Require returns a setting or throws an <see cref="ArgumentException"/> naming it.</summary>
    public string Require(string key) =>
        this[key] is { Length: > 0 } value ? value : throw new ArgumentException($"source '{Name}' needs the setting '{key}'", key);
}
