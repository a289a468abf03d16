using System.Security.Cryptography;
using System.Text;

namespace RuleHost.Notifications;

/// <summary>StandardWebhooks signs requests per the Standard Webhooks spec (standardwebhooks.com).</summary>
/// <remarks>
/// <c>webhook-id</c> is the notification id (the same on every attempt, so receivers can dedupe), <c>webhook-timestamp</c>
/// the attempt time in unix seconds, and <c>webhook-signature</c> is <c>v1,</c> + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")).
/// A <c>whsec_</c> secret is base64 after its prefix, as the spec serializes secrets; any other secret is used as its UTF-8 bytes.
/// </remarks>
public static class StandardWebhooks
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    /// <summary>Apply adds <c>webhook-id</c> always, and <c>webhook-timestamp</c> and <c>webhook-signature</c> when there is a secret.</summary>
    public static void Apply(HttpRequestMessage request, string id, DateTimeOffset now, string body, string? secret)
    {
        request.Headers.TryAddWithoutValidation(IdHeader, id);
        var timestamp = now.ToUnixTimeSeconds();
        request.Headers.TryAddWithoutValidation(TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(secret))
            request.Headers.TryAddWithoutValidation(SignatureHeader, Sign(secret, id, timestamp, body));
    }

    /// <summary>Sign returns the <c>webhook-signature</c> value for one message.</summary>
    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(Key(secret), content));
    }

    /// <summary>Key is the HMAC key of a secret: base64-decoded after <c>whsec_</c>, else the secret's UTF-8 bytes.</summary>
    public static byte[] Key(string secret)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
            return Encoding.UTF8.GetBytes(secret);
        try
        {
            return Convert.FromBase64String(secret[SecretPrefix.Length..]);
        }
        catch (FormatException)
        {
            throw new ArgumentException("a Secret starting with 'whsec_' must continue in base64", nameof(secret));
        }
    }
}
