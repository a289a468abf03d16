namespace RuleHost.Engine.Alerts;

/// <summary>Fingerprint is the stable identity hash of an alert (rule + key), the dedup key toward receivers.</summary>
internal static class Fingerprint
{
    /// <summary>Of hashes rule and key with 64-bit FNV-1a (as Alertmanager hashes label sets) into 16 hex digits.</summary>
    public static string Of(string rule, string key)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        foreach (var c in rule)
            hash = Mix(hash, c, prime);
        hash = (hash ^ 0xFF) * prime; // separator: no rule/key pair can collide by shifting characters across
        foreach (var c in key)
            hash = Mix(hash, c, prime);
        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ulong Mix(ulong hash, char c, ulong prime)
    {
        hash = (hash ^ (byte)c) * prime;
        return (hash ^ (byte)(c >> 8)) * prime;
    }
}
