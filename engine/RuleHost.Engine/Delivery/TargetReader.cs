using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace RuleHost.Engine.Delivery;

/// <summary>TargetReader reads the <c>RuleHost:Targets</c> section: every setting flattened (<c>Headers:X</c>), <c>${VAR}</c> expanded, problems listed.</summary>
internal static partial class TargetReader
{
    public const string Section = "RuleHost:Targets";

    public static IReadOnlyDictionary<string, Target> Read(IConfiguration configuration, DeliveryOptions defaults, Func<string, string?> environment, List<string> problems)
    {
        var targets = new Dictionary<string, Target>(StringComparer.Ordinal);
        foreach (var section in configuration.GetSection(Section).GetChildren())
        {
            if (ReadOne(section, defaults, environment, problems) is { } target)
                targets[target.Name] = target;
        }

        return targets;
    }

    private static Target? ReadOne(IConfigurationSection section, DeliveryOptions defaults, Func<string, string?> environment, List<string> problems)
    {
        var name = section.Key;
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true))
        {
            if (value is not null)
                settings[key] = Expand(name, key, value, environment, problems);
        }

        if (!settings.TryGetValue("Sink", out var sink) || string.IsNullOrWhiteSpace(sink))
        {
            problems.Add($"target '{name}' needs a \"Sink\" (e.g. \"webhook\", \"slack\")");
            return null;
        }

        return new Target(
            name,
            sink,
            settings,
            settings.GetValueOrDefault("Template"),
            Flag(name, settings, "SendResolved", problems) ?? true,
            Number(name, settings, "FloodLimit", problems) ?? defaults.FloodLimit,
            Duration(name, settings, "FloodInterval", problems) ?? defaults.FloodInterval);
    }

    /// <summary>Expand replaces <c>${VAR}</c> with the environment variable; an unset one is a problem, never an empty secret.</summary>
    private static string Expand(string target, string key, string value, Func<string, string?> environment, List<string> problems) =>
        Reference().Replace(value, m =>
        {
            var found = environment(m.Groups[1].Value);
            if (found is null)
                problems.Add($"target '{target}': {key} refers to ${{{m.Groups[1].Value}}}, which is not set in the environment");
            return found ?? "";
        });

    private static bool? Flag(string target, Dictionary<string, string> settings, string key, List<string> problems)
    {
        if (!settings.TryGetValue(key, out var text))
            return null;
        if (bool.TryParse(text, out var value))
            return value;
        problems.Add($"target '{target}': {key} must be true or false (was '{text}')");
        return null;
    }

    private static int? Number(string target, Dictionary<string, string> settings, string key, List<string> problems)
    {
        if (!settings.TryGetValue(key, out var text))
            return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0)
            return value;
        problems.Add($"target '{target}': {key} must be a whole number, 0 or more (was '{text}')");
        return null;
    }

    private static TimeSpan? Duration(string target, Dictionary<string, string> settings, string key, List<string> problems)
    {
        if (!settings.TryGetValue(key, out var text))
            return null;
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero)
            return value;
        problems.Add($"target '{target}': {key} must be a positive duration such as \"00:01:00\" (was '{text}')");
        return null;
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Reference();
}
