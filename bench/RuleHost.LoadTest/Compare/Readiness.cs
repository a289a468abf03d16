using System.Diagnostics;
using System.Text.Json;

namespace RuleHost.LoadTest.Compare;

/// <summary>Readiness waits until a system can take alerts and deliver them, so no round starts against a half-started process.</summary>
internal static class Readiness
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>AlertmanagerAsync waits for <c>GET /-/ready</c> to answer 200.</summary>
    public static Task AlertmanagerAsync(HttpClient api) =>
        PollAsync(api, "Alertmanager", async () => (await api.GetAsync("/-/ready")).IsSuccessStatusCode);

    /// <summary>RuleHostAsync waits until the webhook sink is loaded and every rule file compiled (the routes are in a rule file).</summary>
    public static Task RuleHostAsync(HttpClient api) => PollAsync(api, "RuleHost", async () =>
    {
        var plugins = await GetJsonAsync(api, "/api/v1/plugins");
        var rules = await GetJsonAsync(api, "/api/v1/rules");
        return plugins.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "webhook" && p.GetProperty("status").GetString() == "loaded")
            && rules.GetArrayLength() > 0
            && rules.EnumerateArray().All(f => f.GetProperty("status").GetString() == "ok");
    });

    private static async Task PollAsync(HttpClient api, string name, Func<Task<bool>> ready)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await ready())
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (clock.Elapsed > Timeout)
                throw new TimeoutException($"{name} at {api.BaseAddress} was not ready after {Timeout.TotalSeconds:F0} s");
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
