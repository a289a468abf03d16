using System.Security.Cryptography;
using System.Text;

namespace RuleHost.Host.Security;

/// <summary>ApiKeyRing holds the keys of <c>RuleHost:ApiKeys</c> and finds the one a request presents, in constant time.</summary>
/// <remarks>
/// Each entry is <c>"name": { "Key": "…", "Role": "admin" | "ingest" }</c> (Role defaults to admin) or just <c>"name": "…"</c>.
/// Presented keys are hashed and compared with every configured hash by <see cref="CryptographicOperations.FixedTimeEquals"/>,
/// so neither the length nor the content of a key leaks through timing.
/// </remarks>
internal sealed class ApiKeyRing
{
    public const string Section = "RuleHost:ApiKeys";
    public const int MinimumLength = 16;

    private readonly ApiKey[] _keys;

    private ApiKeyRing(ApiKey[] keys) => _keys = keys;

    public IReadOnlyList<ApiKey> Keys => _keys;

    public bool IsEmpty => _keys.Length == 0;

    /// <summary>From reads and checks every key; a bad one stops the host with a message naming it.</summary>
    /// <exception cref="InvalidOperationException">Some key is empty, too short, has an unknown role, or repeats another.</exception>
    public static ApiKeyRing From(IConfigurationSection section)
    {
        var keys = new List<ApiKey>();
        var problems = new List<string>();
        foreach (var entry in section.GetChildren())
        {
            var path = $"{Section}:{entry.Key}";
            var text = entry.Value ?? entry["Key"];
            var roleText = entry.Value is null ? entry["Role"] : null;
            if (string.IsNullOrWhiteSpace(text))
                problems.Add($"{path}:Key is empty");
            else if (text.Length < MinimumLength)
                problems.Add($"{path}:Key is too short ({text.Length} characters; at least {MinimumLength})");
            if (!TryRole(roleText, out var role))
                problems.Add($"{path}:Role must be admin or ingest (was '{roleText}')");
            if (!string.IsNullOrWhiteSpace(text) && keys.Any(k => k.Hash.AsSpan().SequenceEqual(Hash(text))))
                problems.Add($"{path}:Key is the same as another key's");
            if (!string.IsNullOrWhiteSpace(text))
                keys.Add(new ApiKey(entry.Key, Hash(text), role));
        }

        if (problems.Count > 0)
            throw new InvalidOperationException("invalid API keys: " + string.Join("; ", problems));
        return new ApiKeyRing([.. keys]);
    }

    /// <summary>Find returns the key whose text is <paramref name="presented"/>, or null; it compares against every key, always.</summary>
    public ApiKey? Find(string presented)
    {
        var hash = Hash(presented);
        ApiKey? found = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
                found = key;
        }

        return found;
    }

    private static bool TryRole(string? text, out ApiKeyRole role)
    {
        role = ApiKeyRole.Admin;
        if (string.IsNullOrEmpty(text))
            return true;
        if (string.Equals(text, "admin", StringComparison.OrdinalIgnoreCase))
            return true;
        role = ApiKeyRole.Ingest;
        return string.Equals(text, "ingest", StringComparison.OrdinalIgnoreCase);
    }

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
