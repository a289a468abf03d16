using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace RuleHost.Host.Tests.Plugins;

/// <summary>SinkReceiver is a real Kestrel receiver on loopback that records every request and answers as told.</summary>
internal sealed class SinkReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    private SinkReceiver(WebApplication app) => _app = app;

    /// <summary>Answer is what the receiver replies: a status, optional headers and a body.</summary>
    public Func<HttpResponse, Task> Answer { get; set; } = r =>
    {
        r.StatusCode = 200;
        return Task.CompletedTask;
    };

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToList();

    public static async Task<SinkReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new SinkReceiver(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            receiver._requests.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body));
            await receiver.Answer(context.Response);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address + "/hook");
        return receiver;
    }

    public ReceivedRequest Single()
    {
        Assert.That(Requests, Has.Count.EqualTo(1));
        return Requests[0];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>ReceivedRequest is one request as the receiver saw it.</summary>
internal sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
