using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Api;

/// <summary>POST /api/v1/events with RuleHost:MaxRequestBytes set small (from the config file): bodies over it get 413 and are not taken.</summary>
public sealed class EventIngestLimitTests
{
    private const int Limit = 2048;

    private HostFixture _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await HostFixture.StartAsync($$"""{ "RuleHost": { "MaxRequestBytes": {{Limit}} } }""");

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [TearDown]
    public void Report() => _host.ReportIfFailed();

    [Test]
    public async Task A_body_under_the_limit_is_accepted()
    {
        var body = Body(under: true);

        Assert.That(await _host.PostAcceptedAsync(body), Is.GreaterThan(1));
    }

    [Test]
    public async Task A_body_over_the_limit_with_a_content_length_gets_413()
    {
        var before = await ReceivedAsync();
        using var content = new StringContent(Body(under: false), Encoding.UTF8, "application/json");

        using var response = await _host.Http.PostAsync("/api/v1/events", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await ReceivedAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_chunked_body_over_the_limit_gets_413()
    {
        var before = await ReceivedAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Body(under: false)))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        request.Headers.TransferEncodingChunked = true;

        using var response = await _host.Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await ReceivedAsync(), Is.EqualTo(before));
    }

    /// <summary>Body is NDJSON just under, or twice over, the limit.</summary>
    private static string Body(bool under)
    {
        var line = Events.Ndjson([Events.Metric("limit", "cpu", 1, TimeSpan.Zero)]);
        var count = under ? (Limit - 1) / Encoding.UTF8.GetByteCount(line) : 2 * Limit / Encoding.UTF8.GetByteCount(line) + 1;
        return string.Concat(Enumerable.Repeat(line, count));
    }

    private async Task<long> ReceivedAsync() => (long)(await _host.HealthAsync())["received"]!;
}
