using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace RuleHost;

/// <summary>EventTags are an event's free string labels; reading a missing tag gives "" so rules need no guards.</summary>
public sealed class EventTags : IReadOnlyDictionary<string, string>
{
    public static readonly EventTags Empty = new(new Dictionary<string, string>(0));

    private readonly Dictionary<string, string> _tags;

    public EventTags(Dictionary<string, string> tags) => _tags = tags;

    /// <summary>The indexer returns the tag's value, or "" when the event has no such tag.</summary>
    public string this[string key] => _tags.TryGetValue(key, out var v) ? v : "";

    public IEnumerable<string> Keys => _tags.Keys;

    public IEnumerable<string> Values => _tags.Values;

    public int Count => _tags.Count;

    public bool ContainsKey(string key) => _tags.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _tags.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _tags.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
