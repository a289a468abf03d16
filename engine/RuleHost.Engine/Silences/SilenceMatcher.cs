using System.Text.RegularExpressions;

namespace RuleHost.Engine.Silences;

/// <summary>SilenceMatcher tests one value of an alert: <c>rule</c>, <c>key</c> or a label (a missing label reads as empty, as in Alertmanager).</summary>
/// <remarks>
/// A regex must match the whole value (Alertmanager anchors it as <c>^(?:…)$</c>) and runs with a match timeout, so a
/// catastrophic pattern costs at most <see cref="MatchTimeout"/> per alert instead of hanging delivery.
/// </remarks>
internal sealed class SilenceMatcher
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private readonly Regex? _regex;

    /// <exception cref="ArgumentException">The value is not a valid regex (only when <paramref name="isRegex"/>).</exception>
    public SilenceMatcher(string name, string value, bool isRegex = false, bool isEqual = true, TimeSpan? matchTimeout = null)
    {
        Name = name;
        Value = value;
        IsRegex = isRegex;
        IsEqual = isEqual;
        if (isRegex)
            _regex = new Regex($"^(?:{value})$", RegexOptions.CultureInvariant, matchTimeout ?? MatchTimeout);
    }

    public string Name { get; }

    public string Value { get; }

    public bool IsRegex { get; }

    /// <summary>IsEqual false negates the matcher (Alertmanager's <c>!=</c> and <c>!~</c>).</summary>
    public bool IsEqual { get; }

    /// <summary>Matches tells whether the alert satisfies this matcher; a regex that times out counts as no match, whatever <see cref="IsEqual"/>, so the silence does not apply.</summary>
    public bool Matches(Alert alert)
    {
        var value = ValueOf(alert);
        try
        {
            var hit = _regex?.IsMatch(value) ?? string.Equals(value, Value, StringComparison.Ordinal);
            return hit == IsEqual;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>SameAs compares what the matcher tests (Alertmanager updates a silence in place only while its matchers stay the same).</summary>
    public bool SameAs(SilenceMatcher other) =>
        Name == other.Name && Value == other.Value && IsRegex == other.IsRegex && IsEqual == other.IsEqual;

    private string ValueOf(Alert alert) => Name switch
    {
        "rule" => alert.Rule,
        "key" => alert.Key,
        _ => alert.Labels.TryGetValue(Name, out var v) ? v : "",
    };
}
