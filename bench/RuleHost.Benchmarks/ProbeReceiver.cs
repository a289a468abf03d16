using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace RuleHost.Benchmarks;

/// <summary>ProbeReceiver is a loopback socket that notes the <see cref="Stopwatch"/> time at which each request's first bytes arrive, and answers 200.</summary>
/// <remarks>For one request at a time (latency probes): each read that starts a request counts as one arrival.</remarks>
internal sealed class ProbeReceiver : IDisposable
{
    private static readonly byte[] Ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8.ToArray();

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Channel<long> _arrivals = Channel.CreateUnbounded<long>();

    public ProbeReceiver()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/probe";

    /// <summary>NextArrivalAsync returns the Stopwatch timestamp of the next request's arrival.</summary>
    public ValueTask<long> NextArrivalAsync(CancellationToken cancellationToken) => _arrivals.Reader.ReadAsync(cancellationToken);

    private async Task AcceptAsync()
    {
        while (true)
        {
            var socket = await _listener.AcceptSocketAsync();
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        var buffer = new byte[64 * 1024];
        while (await socket.ReceiveAsync(buffer, SocketFlags.None) is > 0 and var read)
        {
            var at = Stopwatch.GetTimestamp();
            if (buffer.AsSpan(0, Math.Min(read, 5)).SequenceEqual("POST "u8))
            {
                _arrivals.Writer.TryWrite(at);
                await socket.SendAsync(Ok, SocketFlags.None);
            }
        }
    }

    public void Dispose() => _listener.Stop();
}
