using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RuleHost.Host.Tests.Delivery.Http;

/// <summary>RawReceiver is a loopback socket server that answers each request with the next scripted bytes, to test what a framework receiver never sends.</summary>
/// <remarks>Each answer is written in two halves with a pause between, so the client also sees a response split across reads.</remarks>
internal sealed class RawReceiver : IAsyncDisposable
{
    /// <summary>Drop closes the connection instead of answering.</summary>
    public const string Drop = "<drop>";

    /// <summary>Hang reads the request and never answers.</summary>
    public const string Hang = "<hang>";

    private readonly TcpListener _listener;
    private readonly Queue<string> _answers;
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    private RawReceiver(TcpListener listener, IEnumerable<string> answers) => (_listener, _answers) = (listener, new Queue<string>(answers));

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hook";

    public int Connections => Volatile.Read(ref _connections);

    public static Task<RawReceiver> StartAsync(params string[] answers)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var receiver = new RawReceiver(listener, answers);
        _ = receiver.AcceptAsync();
        return Task.FromResult(receiver);
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                _ = ServeAsync(socket);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        var pending = "";
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                    return;
                pending += Encoding.UTF8.GetString(buffer, 0, read);
                while (TakeRequest(ref pending))
                {
                    string answer;
                    lock (_answers)
                        answer = _answers.Count > 0 ? _answers.Dequeue() : Drop;
                    if (answer == Drop)
                        return;
                    if (answer == Hang)
                    {
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                        return;
                    }

                    var bytes = Encoding.UTF8.GetBytes(answer);
                    await socket.SendAsync(bytes.AsMemory(0, bytes.Length / 2), SocketFlags.None);
                    await Task.Delay(20, _stop.Token);
                    await socket.SendAsync(bytes.AsMemory(bytes.Length / 2), SocketFlags.None);
                    if (answer.Contains("Connection: close", StringComparison.Ordinal) || answer.StartsWith("HTTP/1.0", StringComparison.Ordinal))
                        return;
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>TakeRequest removes one complete request (headers and Content-Length body) from the front of <paramref name="pending"/>.</summary>
    private static bool TakeRequest(ref string pending)
    {
        var headEnd = pending.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headEnd < 0)
            return false;
        var lengthLine = pending[..headEnd].Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        if (pending.Length < headEnd + 4 + length)
            return false;
        pending = pending[(headEnd + 4 + length)..];
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _stop.Dispose();
    }
}
