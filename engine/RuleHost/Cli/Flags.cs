namespace RuleHost.Host.Cli;

/// <summary>Flags are the parsed <c>--name value</c> options and the positional words after the verb.</summary>
internal sealed class Flags
{
    private static readonly HashSet<string> Known = ["--rules", "--plugins", "--config", "--data", "--urls", "--against", "--junit"];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public string? this[string name] => _values.GetValueOrDefault(name);

    public static bool TryParse(string[] args, out Flags flags, out string problem)
    {
        flags = new Flags();
        problem = "";
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                flags.Positional.Add(arg);
                continue;
            }

            var (name, value) = arg.Split('=', 2) is [var n, var v] ? (n, v) : (arg, null);
            if (!Known.Contains(name))
            {
                problem = $"unknown option '{name}'";
                return false;
            }

            value ??= i + 1 < args.Length ? args[++i] : null;
            if (string.IsNullOrEmpty(value))
            {
                problem = $"option '{name}' needs a value";
                return false;
            }

            flags._values[name] = value;
        }

        return true;
    }
}
