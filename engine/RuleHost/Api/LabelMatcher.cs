using System.Text.RegularExpressions;

namespace RuleHost.Host.Api;

/// <summary>LabelMatcher is one Alertmanager filter matcher: <c>name="value"</c>, <c>!=</c>, <c>=~</c> (regex) or <c>!~</c>.</summary>
internal sealed partial class LabelMatcher
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private readonly string _name;
    private readonly string _value;
    private readonly Regex? _regex;
    private readonly bool _negate;

    private LabelMatcher(string name, string value, Regex? regex, bool negate)
    {
        _name = name;
        _value = value;
        _regex = regex;
        _negate = negate;
    }

    /// <summary>Matches tests a label set; a missing label counts as the empty value, as in Alertmanager.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var value = labels.GetValueOrDefault(_name) ?? "";
        bool match;
        try
        {
            match = _regex?.IsMatch(value) ?? value == _value;
        }
        catch (RegexMatchTimeoutException)
        {
            match = false;
        }

        return match != _negate;
    }

    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LabelMatcher? matcher, out string problem)
    {
        matcher = null;
        var m = Syntax().Match(text.Trim().TrimStart('{').TrimEnd('}'));
        if (!m.Success)
        {
            problem = "a matcher reads name=\"value\", name!=\"value\", name=~\"regex\" or name!~\"regex\"";
            return false;
        }

        var op = m.Groups[2].Value;
        var value = Unquote(m.Groups[3].Value);
        Regex? regex = null;
        if (op is "=~" or "!~")
        {
            try
            {
                regex = new Regex($"^(?:{value})$", RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (ArgumentException e)
            {
                problem = $"bad regex: {e.Message}";
                return false;
            }
        }

        matcher = new LabelMatcher(m.Groups[1].Value, value, regex, op[0] == '!');
        problem = "";
        return true;
    }

    private static string Unquote(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
            return value;
        return value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$")]
    private static partial Regex Syntax();
}
