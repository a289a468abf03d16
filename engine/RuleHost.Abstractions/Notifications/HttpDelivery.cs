using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace RuleHost.Notifications;

/// <summary>HttpDelivery is the one status-code policy every HTTP sink shares: one attempt in, one <see cref="DeliveryResult"/> out.</summary>
/// <remarks>
/// 2xx is delivered; 408, 429, 5xx, network errors and timeouts are retryable (with <c>Retry-After</c>, seconds or an
/// HTTP date, when the receiver sent one); any other status is permanent, with a short excerpt of the response body.
/// Cancellation of <c>cancellationToken</c> belongs to the caller and propagates as <see cref="OperationCanceledException"/>.
/// </remarks>
public static class HttpDelivery
{
    /// <summary>ExcerptLength bounds how much of a failed response's body is kept in the error.</summary>
    public const int ExcerptLength = 300;

    /// <summary>CreateRequest makes a POST of <paramref name="body"/> carrying the target's headers and the Standard Webhooks headers (signed when a secret is set).</summary>
    public static HttpRequestMessage CreateRequest(SinkSettings settings, Notification notification, Uri url, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, MediaType(notification.ContentType)),
        };
        foreach (var (name, value) in settings.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
                request.Content.Headers.TryAddWithoutValidation(name, value);
        }

        StandardWebhooks.Apply(request, notification.Id, settings.Time.GetUtcNow(), body, settings.Secret);
        return request;
    }

    /// <summary>SendAsync makes one attempt and classifies its outcome.</summary>
    public static async ValueTask<DeliveryResult> SendAsync(HttpClient http, HttpRequestMessage request, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return await ClassifyAsync(response, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            return DeliveryResult.Retryable($"{request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Path)}: {e.Message}");
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The HttpClient's own timeout, not the caller's cancellation.
            return DeliveryResult.Retryable($"{request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Path)}: timed out ({e.Message})");
        }
    }

    /// <summary>ClassifyAsync turns a response into a result; it reads the body only for failures.</summary>
    public static async ValueTask<DeliveryResult> ClassifyAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
            return DeliveryResult.Delivered(status);

        var error = $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
        var excerpt = await ExcerptAsync(response, cancellationToken).ConfigureAwait(false);
        if (excerpt.Length > 0)
            error += ": " + excerpt;
        return IsRetryable(response.StatusCode)
            ? DeliveryResult.Retryable(error, status, RetryAfter(response.Headers.RetryAfter, now))
            : DeliveryResult.Permanent(error, status);
    }

    /// <summary>IsRetryable says whether trying again can help: 408, 429 and 5xx.</summary>
    public static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>RetryAfter reads a <c>Retry-After</c> header (delta seconds or an HTTP date) as a wait from <paramref name="now"/>.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
            return delta;
        if (header?.Date is { } date)
            return date > now ? date - now : TimeSpan.Zero;
        return null;
    }

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            text = text.ReplaceLineEndings(" ").Trim();
            return text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    private static string MediaType(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType is { } media ? media : "application/json";
}
