using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace RuleHost.LoadTest.Compare;

/// <summary>LatencyReceiver is a raw HTTP/1.1 webhook receiver on loopback that timestamps each request when its first bytes arrive.</summary>
/// <remarks>
/// nginx's <c>$msec</c> has millisecond resolution, too coarse for sub-millisecond latency. Here a thread per connection
/// blocks in <c>Receive</c> and reads <see cref="Stopwatch.GetTimestamp"/> as soon as a request's first bytes are in,
/// before parsing anything; it answers <c>200</c> with an empty body and keeps the connection open. It is meant for one
/// request at a time, so its own speed does not matter. Only <c>Content-Length</c> bodies are understood.
/// </remarks>
internal sealed class LatencyReceiver : IDisposable
{
    private static readonly byte[] Ok = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    private readonly TcpListener _listener;
    private readonly Channel<ReceivedRequest> _requests = Channel.CreateUnbounded<ReceivedRequest>();

    public LatencyReceiver(int port)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        new Thread(AcceptLoop) { IsBackground = true, Name = "latency-accept" }.Start();
    }

    /// <summary>NextAsync returns the next request received, or throws when none comes within <paramref name="timeout"/>.</summary>
    public async Task<ReceivedRequest> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _requests.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no notification reached the latency receiver within {timeout.TotalSeconds:F0} s");
        }
    }

    /// <summary>Drain returns the requests received but not yet taken.</summary>
    public List<ReceivedRequest> Drain()
    {
        var pending = new List<ReceivedRequest>();
        while (_requests.Reader.TryRead(out var request))
            pending.Add(request);
        return pending;
    }

    public void Dispose() => _listener.Stop();

    private void AcceptLoop()
    {
        try
        {
            while (true)
            {
                var socket = _listener.AcceptSocket();
                socket.NoDelay = true;
                new Thread(() => Serve(socket)) { IsBackground = true, Name = "latency-connection" }.Start();
            }
        }
        catch (SocketException)
        {
            // the listener was stopped
        }
        catch (ObjectDisposedException)
        {
            // the listener was stopped
        }
    }

    private void Serve(Socket socket)
    {
        using var _ = socket;
        var buffer = new List<byte>();
        var chunk = new byte[64 * 1024];
        long firstByte = 0;
        while (true)
        {
            int read;
            try
            {
                read = socket.Receive(chunk);
            }
            catch (SocketException)
            {
                return;
            }

            if (read == 0)
                return;
            if (buffer.Count == 0)
                firstByte = Stopwatch.GetTimestamp();
            buffer.AddRange(chunk.AsSpan(0, read));
            while (TryTakeRequest(buffer, out var path, out var body))
            {
                _requests.Writer.TryWrite(new ReceivedRequest(firstByte, path, body));
                socket.Send(Ok);
                firstByte = Stopwatch.GetTimestamp(); // only used if the next request is already in the buffer
            }
        }
    }

    // TryTakeRequest removes one complete request (head and Content-Length body) from the front of the buffer.
    private static bool TryTakeRequest(List<byte> buffer, out string path, out string body)
    {
        (path, body) = ("", "");
        var bytes = buffer.ToArray();
        var headEnd = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (headEnd < 0)
            return false;
        var head = Encoding.ASCII.GetString(bytes, 0, headEnd).Split("\r\n");
        var length = 0;
        foreach (var line in head.Skip(1))
        {
            var colon = line.IndexOf(':');
            var name = colon < 0 ? line : line[..colon].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                length = int.Parse(line[(colon + 1)..].Trim(), CultureInfo.InvariantCulture);
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                throw new NotSupportedException($"the latency receiver does not read chunked bodies: {line}");
        }

        if (bytes.Length < headEnd + 4 + length)
            return false;
        path = head[0].Split(' ') is [_, var target, ..] ? target : head[0];
        body = Encoding.UTF8.GetString(bytes, headEnd + 4, length);
        buffer.RemoveRange(0, headEnd + 4 + length);
        return true;
    }
}
