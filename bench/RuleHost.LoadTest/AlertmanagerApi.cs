using System.Net.Http.Headers;

namespace RuleHost.LoadTest;

/// <summary>AlertmanagerApi posts alert batches to <c>POST /api/v2/alerts</c>, which RuleHost and Alertmanager both answer.</summary>
internal static class AlertmanagerApi
{
    /// <summary>PostAsync sends one JSON array of postable alerts and throws unless the answer is 200.</summary>
    public static async Task PostAsync(HttpClient http, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("/api/v2/alerts", content);
        if ((int)response.StatusCode != 200)
            throw new InvalidOperationException($"POST {http.BaseAddress}api/v2/alerts returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
