namespace RuleHost.Host.Security;

/// <summary>ApiKey is one configured key: its name (for logs), the SHA-256 of its text and its role.</summary>
internal sealed record ApiKey(string Name, byte[] Hash, ApiKeyRole Role);
