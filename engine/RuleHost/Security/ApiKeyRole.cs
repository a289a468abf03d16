namespace RuleHost.Host.Security;

/// <summary>ApiKeyRole is what a key may do: <see cref="Admin"/> everything, <see cref="Ingest"/> only send events and alerts.</summary>
internal enum ApiKeyRole
{
    Admin,
    Ingest,
}
