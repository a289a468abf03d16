using System.Globalization;
using System.Text.RegularExpressions;

namespace RuleHost.Testing.Files;

/// <summary>DurationText reads Prometheus-style durations: 500ms, 30s, 5m, 1h30m, 2d.</summary>
internal static partial class DurationText
{
    public static TimeSpan Parse(string text, string field)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success || text.Trim().Length == 0)
            throw new RuleTestFormatException($"{field}: '{text}' is not a duration (like 500ms, 30s, 5m, 1h30m, 2d)");
        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = part.Value.TrimStart("0123456789.".ToCharArray());
            var number = double.Parse(part.Value[..^unit.Length], CultureInfo.InvariantCulture);
            total += unit switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                "h" => TimeSpan.FromHours(number),
                _ => TimeSpan.FromDays(number),
            };
        }

        return total;
    }

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?(ms|s|m|h|d))+$")]
    private static partial Regex Pattern();
}
