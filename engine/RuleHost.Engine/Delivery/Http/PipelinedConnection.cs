using System.Buffers;
using System.Net.Sockets;

namespace RuleHost.Engine.Delivery.Http;

/// <summary>PipelinedConnection is one kept-alive socket: requests are appended to a shared send buffer, responses matched to them in order.</summary>
internal sealed class PipelinedConnection : IDisposable
{
    private const int MaxResponseBytes = 4 * 1024 * 1024;

    private readonly Socket _socket;
    private readonly string _origin;
    private readonly Lock _gate = new();
    private readonly Queue<Waiter> _waiting = new();
    private ArrayBufferWriter<byte> _outgoing = new(16 * 1024);
    private ArrayBufferWriter<byte> _sending = new(16 * 1024);
    private bool _flushing;
    private Exception? _closed;

    public PipelinedConnection(Socket socket, string origin)
    {
        (_socket, _origin) = (socket, origin);
        _ = ReceiveAsync();
    }

    /// <summary>Waiting counts the requests sent or queued on this connection without a response yet.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
                return _waiting.Count;
        }
    }

    public bool IsClosed => Volatile.Read(ref _closed) is not null;

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, byte[] bytes, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(request);
        bool flush;
        lock (_gate)
        {
            if (_closed is { } closed)
                throw new HttpRequestException($"{_origin}: connection closed ({closed.Message})", closed);
            _outgoing.Write(bytes);
            _waiting.Enqueue(waiter);
            flush = !_flushing;
            _flushing = true;
        }

        if (flush && !SendBatch.Hold(this))
            _ = FlushAsync();

        // A response that never comes blocks every later one on this connection: a cancelled request (the attempt's
        // timeout) closes the connection, and the requests behind it fail as retryable.
        await using var registration = cancellationToken.UnsafeRegister(static state =>
        {
            var (self, cancelled) = ((PipelinedConnection, Waiter))state!;
            if (!cancelled.Response.Task.IsCompleted)
                self.Close(new TimeoutException("a request on it was cancelled while waiting"));
        }, (this, waiter));
        try
        {
            return await waiter.Response.Task.ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"{_origin}: cancelled while waiting for the response", e, cancellationToken);
        }
    }

    /// <summary>Flush writes what a <see cref="SendBatch"/> held back.</summary>
    public void Flush() => _ = FlushAsync();

    private async Task FlushAsync()
    {
        try
        {
            while (true)
            {
                lock (_gate)
                {
                    if (_outgoing.WrittenCount == 0 || _closed is not null)
                    {
                        _flushing = false;
                        return;
                    }

                    (_outgoing, _sending) = (_sending, _outgoing);
                }

                for (var sent = 0; sent < _sending.WrittenCount;)
                    sent += await _socket.SendAsync(_sending.WrittenMemory[sent..], SocketFlags.None).ConfigureAwait(false);
                _sending.ResetWrittenCount();
            }
        }
        catch (Exception e)
        {
            Close(e);
            lock (_gate)
                _flushing = false;
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[16 * 1024];
        var (start, end) = (0, 0);
        var answered = new List<Answer>();
        try
        {
            while (true)
            {
                while (PipelinedResponse.TryParse(buffer.AsSpan(start, end - start), out var parsed))
                {
                    start += parsed.Length;
                    if (parsed.Status < 200)
                        continue; // 1xx: informational, the final response follows
                    Complete(parsed, answered);
                    if (parsed.Close)
                        return;
                }

                answered = AnswerAll(answered); // everything this read brought, before waiting for more
                (buffer, start, end) = Compact(buffer, start, end);
                var read = await _socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    if (PipelinedResponse.TryParseAtEnd(buffer.AsSpan(start, end - start), out var last))
                        Complete(last, answered);
                    Close(new IOException("the receiver closed it"));
                    return;
                }

                end += read;
            }
        }
        catch (Exception e)
        {
            Close(e);
        }
        finally
        {
            AnswerAll(answered);
        }
    }

    /// <summary>Compact moves unparsed bytes to the front, and doubles the buffer when they fill it (up to MaxResponseBytes).</summary>
    private static (byte[] Buffer, int Start, int End) Compact(byte[] buffer, int start, int end)
    {
        var length = end - start;
        if (length == buffer.Length)
        {
            if (buffer.Length >= MaxResponseBytes)
                throw new IOException($"a response is larger than {MaxResponseBytes / (1024 * 1024)} MB");
            var larger = new byte[buffer.Length * 2];
            buffer.AsSpan(start, length).CopyTo(larger);
            return (larger, 0, length);
        }

        if (start > 0 && buffer.Length - end < 4096)
        {
            buffer.AsSpan(start, length).CopyTo(buffer);
            return (buffer, 0, length);
        }

        return (buffer, start, end);
    }

    /// <summary>Complete matches a response to the oldest waiting request; after a closing response the connection is closed first, so no new request lands on it.</summary>
    private void Complete(PipelinedResponse parsed, List<Answer> answered)
    {
        Waiter? waiter;
        lock (_gate)
            _waiting.TryDequeue(out waiter);
        if (waiter is null || parsed.Close)
            Close(new IOException(waiter is null ? "a response came that no request was waiting for" : "the receiver closes it after a response"));
        if (waiter is not null)
            answered.Add(new Answer(waiter, parsed.ToMessage(waiter.Request), null));
    }

    /// <summary>Close shuts the socket once and fails every request still waiting, as retryable.</summary>
    private void Close(Exception reason)
    {
        Waiter[] failed;
        lock (_gate)
        {
            if (_closed is not null)
                return;
            _closed = reason;
            failed = [.. _waiting];
            _waiting.Clear();
        }

        _socket.Dispose();
        AnswerAll([.. failed.Select(w => new Answer(w, null, new HttpRequestException($"{_origin}: connection closed before the response ({reason.Message})", reason)))]);
    }

    /// <summary>AnswerAll completes the requests on a pool thread, in one <see cref="SendBatch"/>: what their senders send next leaves together, and neither the receive loop nor a caller of Close runs their continuations.</summary>
    private static List<Answer> AnswerAll(List<Answer> answers)
    {
        if (answers.Count == 0)
            return answers;
        ThreadPool.UnsafeQueueUserWorkItem(static answers =>
        {
            using var batch = SendBatch.Begin();
            foreach (var (waiter, response, error) in answers)
            {
                if (response is not null)
                    waiter.Response.TrySetResult(response);
                else
                    waiter.Response.TrySetException(error!);
            }
        }, answers, preferLocal: false);
        return [];
    }

    public void Dispose() => Close(new ObjectDisposedException(nameof(PipelinedConnection)));

    private sealed class Waiter(HttpRequestMessage request)
    {
        public HttpRequestMessage Request { get; } = request;

        /// <summary>Response runs its continuation where it is completed: always in <see cref="AnswerAll"/>'s work item.</summary>
        public TaskCompletionSource<HttpResponseMessage> Response { get; } = new();
    }

    private readonly record struct Answer(Waiter Waiter, HttpResponseMessage? Response, Exception? Error);
}
