using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Delivery.Support;

/// <summary>Receiver is a real Kestrel server on loopback that records every POST and answers as the test tells it.</summary>
/// <remarks>The answer function gets the request and how many earlier requests carried the same webhook-id, so "fail once, then succeed" is per notification.</remarks>
internal sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);

    private Receiver(WebApplication app, Func<HttpContext, ReceivedRequest, int, Task> answer)
    {
        _app = app;
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var request = new ReceivedRequest(context.Request.Path, context.Request.Headers["webhook-id"].ToString(), await reader.ReadToEndAsync(), DateTimeOffset.UtcNow)
            {
                Headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            };
            var earlier = _seen.AddOrUpdate(request.WebhookId, 0, (_, n) => n + 1);
            _requests.Enqueue(request);
            await answer(context, request, earlier);
        });
    }

    public string Url { get; private set; } = "";

    public IReadOnlyCollection<ReceivedRequest> Requests => _requests;

    /// <summary>StartAsync starts a receiver; by default it answers 200 to everything.</summary>
    public static async Task<Receiver> StartAsync(Func<HttpContext, ReceivedRequest, int, Task>? answer = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new Receiver(builder.Build(), answer ?? ((c, _, _) => Status(c, 200)));
        await receiver._app.StartAsync();
        receiver.Url = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        return receiver;
    }

    public static Task Status(HttpContext context, int status, string? retryAfter = null)
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
            context.Response.Headers.RetryAfter = retryAfter;
        return Task.CompletedTask;
    }

    /// <summary>WaitForAsync waits until the requests satisfy <paramref name="done"/>, polling; fails the test after the timeout.</summary>
    public async Task<List<ReceivedRequest>> WaitForAsync(Func<List<ReceivedRequest>, bool> done, string what)
    {
        using var timeout = new CancellationTokenSource(HostFixture.Timeout);
        while (true)
        {
            var seen = _requests.ToList();
            if (done(seen))
                return seen;
            try
            {
                await Task.Delay(10, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out waiting for {what}; received {seen.Count}: {string.Join("\n", seen.Select(r => r.Body))}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>ReceivedRequest is one POST the receiver got.</summary>
internal sealed record ReceivedRequest(string Path, string WebhookId, string Body, DateTimeOffset At)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public System.Text.Json.Nodes.JsonNode Json => System.Text.Json.Nodes.JsonNode.Parse(Body)!;

    public string Kind => (string)Json["kind"]!;

    public string Fingerprint => (string)Json["fingerprint"]!;
}
