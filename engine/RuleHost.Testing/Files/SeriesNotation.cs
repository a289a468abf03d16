using System.Globalization;

namespace RuleHost.Testing.Files;

/// <summary>SeriesNotation expands promtool's series notation: "1 2 3", "90+1x10" (11 values), "5x3", "_" (no event), "_x4".</summary>
internal static class SeriesNotation
{
    /// <summary>Expand returns one entry per step: the value, or null where the step sends no event.</summary>
    public static List<double?> Expand(string series)
    {
        var values = new List<double?>();
        foreach (var term in series.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            values.AddRange(Term(term, series));
        return values;
    }

    private static IEnumerable<double?> Term(string term, string series)
    {
        var (head, times) = term.Split('x') is [var h, var n] ? (h, Count(n, series)) : (term, 0);
        if (head == "_")
            return Enumerable.Repeat<double?>(null, Math.Max(1, times));
        var (start, step) = Split(head, series);
        return Enumerable.Range(0, times + 1).Select(i => (double?)(start + (i * step)));
    }

    private static (double Start, double Step) Split(string head, string series)
    {
        // The step's sign is the last '+' or '-' that is not the start's own sign or an exponent's.
        for (var i = head.Length - 1; i > 0; i--)
        {
            if (head[i] is '+' or '-' && head[i - 1] is not ('e' or 'E'))
                return (Number(head[..i], series), Number(head[i..].TrimStart('+'), series));
        }

        return (Number(head, series), 0);
    }

    private static int Count(string text, string series) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new RuleTestFormatException($"values: '{series}': '{text}' after 'x' is not a count");

    private static double Number(string text, string series) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new RuleTestFormatException($"values: '{series}': '{text}' is not a number");
}
