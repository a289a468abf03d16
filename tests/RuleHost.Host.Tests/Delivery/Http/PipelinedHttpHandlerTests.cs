using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using RuleHost.Engine.Delivery.Http;
using RuleHost.Host.Tests.Delivery.Support;

namespace RuleHost.Host.Tests.Delivery.Http;

/// <summary>The pipelined transport against a real Kestrel receiver (many requests in flight) and a raw socket receiver (exact bytes on the wire).</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class PipelinedHttpHandlerTests
{
    private readonly HttpClient _http = new(new PipelinedHttpHandler(new SocketsHttpHandler(), connectionsPerOrigin: 2, depth: 16)) { Timeout = TimeSpan.FromSeconds(30) }; // a regression fails the test rather than hanging it

    [TearDown]
    public void TearDown() => _http.Dispose();

    [Test]
    public async Task Every_response_reaches_its_own_request_when_many_are_in_flight()
    {
        await using var receiver = await Receiver.StartAsync(async (context, request, _) =>
        {
            context.Response.StatusCode = request.Body.EndsWith('7') ? 503 : 200;
            await context.Response.WriteAsync("echo:" + request.Body);
        });

        var answers = await Task.WhenAll(Enumerable.Range(0, 500).Select(async i =>
        {
            using var response = await _http.PostAsync(receiver.Url, new StringContent($"n{i}"));
            return (i, Status: (int)response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.Multiple(() =>
        {
            foreach (var (i, status, body) in answers)
            {
                Assert.That(body, Is.EqualTo($"echo:n{i}"));
                Assert.That(status, Is.EqualTo(i % 10 == 7 ? 503 : 200));
            }
        });
        Assert.That(receiver.Requests, Has.Count.EqualTo(500));
    }

    [Test]
    public async Task Headers_and_body_arrive_as_sent()
    {
        await using var receiver = await Receiver.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url + "?x=1") { Content = new StringContent("{\"ü\":1}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("webhook-id", "n-1");
        request.Headers.TryAddWithoutValidation("X-Team", "core");

        using var response = await _http.SendAsync(request);

        var seen = receiver.Requests.Single();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(seen.Body, Is.EqualTo("{\"ü\":1}"));
        Assert.That(seen.WebhookId, Is.EqualTo("n-1"));
        Assert.That(seen.Headers["X-Team"], Is.EqualTo("core"));
        Assert.That(seen.Headers["Content-Type"], Is.EqualTo("application/json; charset=utf-8"));
    }

    [Test]
    public async Task A_header_with_a_line_break_is_refused_not_sent()
    {
        await using var receiver = await Receiver.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url) { Content = new StringContent("x") };
        request.Headers.TryAddWithoutValidation("X-Evil", "a\r\nX-Injected: 1");

        await Assert.ThrowsAsync<HttpRequestException>(() => _http.SendAsync(request));
        Assert.That(receiver.Requests, Is.Empty);
    }

    [Test]
    public async Task Chunked_bodies_split_packets_informational_responses_and_retry_after_are_read()
    {
        await using var server = await RawReceiver.StartAsync(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n",
            "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\nContent-Length: 4\r\n\r\nslow");

        using var first = await _http.PostAsync(server.Url, new StringContent("a"));
        using var second = await _http.PostAsync(server.Url, new StringContent("b"));

        Assert.That(await first.Content.ReadAsStringAsync(), Is.EqualTo("hello world"));
        Assert.That((int)second.StatusCode, Is.EqualTo(429));
        Assert.That(second.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo("slow"));
        Assert.That(server.Connections, Is.EqualTo(1), "both requests went over one kept-alive connection");
    }

    [Test]
    public async Task Connection_close_ends_the_connection_and_the_next_request_opens_a_new_one()
    {
        await using var server = await RawReceiver.StartAsync(
            "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.0 200 OK\r\n\r\nbody to the close");

        using var first = await _http.PostAsync(server.Url, new StringContent("a"));
        using var second = await _http.PostAsync(server.Url, new StringContent("b"));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo("body to the close"));
        Assert.That(server.Connections, Is.EqualTo(2));
    }

    [Test]
    public async Task A_receiver_that_drops_the_connection_fails_the_request_as_retryable()
    {
        await using var server = await RawReceiver.StartAsync(RawReceiver.Drop);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => _http.PostAsync(server.Url, new StringContent("a")));

        Assert.That(failure!.Message, Does.Contain("connection closed"));
    }

    [Test]
    public async Task A_request_cancelled_while_waiting_is_cancelled_and_the_connection_is_not_reused()
    {
        await using var server = await RawReceiver.StartAsync(RawReceiver.Hang, "HTTP/1.1 204 No Content\r\n\r\n");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.CatchAsync<OperationCanceledException>(() => _http.PostAsync(server.Url, new StringContent("a"), timeout.Token));
        using var next = await _http.PostAsync(server.Url, new StringContent("b"));

        Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(server.Connections, Is.EqualTo(2));
    }

    [Test]
    public async Task Nobody_listening_is_a_retryable_request_failure()
    {
        var port = RawReceiver.FreePort();

        await Assert.ThrowsAsync<HttpRequestException>(() => _http.PostAsync($"http://127.0.0.1:{port}/hook", new StringContent("a")));
    }
}
