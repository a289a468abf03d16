using System.Net.Sockets;

namespace RuleHost.Engine.Delivery.Http;

/// <summary>PipelinedOrigin holds the connections to one host and port and gives each request the least busy one.</summary>
internal sealed class PipelinedOrigin(string host, int port, int connections, int depth, TimeSpan connectTimeout) : IDisposable
{
    private readonly Task<PipelinedConnection>?[] _slots = new Task<PipelinedConnection>?[connections];
    private readonly Lock _gate = new();

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, byte[] bytes, CancellationToken cancellationToken)
    {
        var connection = await PickAsync(cancellationToken).ConfigureAwait(false);
        return await connection.SendAsync(request, bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pick takes a live connection with room (fewest waiting first), opens one in an empty or dead slot, or else the least busy.</summary>
    private Task<PipelinedConnection> PickAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Task<PipelinedConnection>? best = null;
            var fewest = int.MaxValue;
            int? free = null;
            for (var i = 0; i < _slots.Length; i++)
            {
                var slot = _slots[i];
                if (slot is null || slot.IsFaulted || slot.IsCanceled || (slot.IsCompletedSuccessfully && slot.Result.IsClosed))
                {
                    free ??= i;
                    continue;
                }

                var waiting = slot.IsCompletedSuccessfully ? slot.Result.Waiting : depth; // still connecting: count it as full
                if (waiting < fewest)
                    (best, fewest) = (slot, waiting);
            }

            if (best is not null && (fewest < depth || free is null))
                return best;
            var opened = ConnectAsync(cancellationToken);
            _slots[free!.Value] = opened;
            return opened;
        }
    }

    private async Task<PipelinedConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            socket.Dispose();
            throw new HttpRequestException($"connecting to {host}:{port}: {e.Message}", e);
        }

        return new PipelinedConnection(socket, $"{host}:{port}");
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var slot in _slots)
            {
                if (slot is { IsCompletedSuccessfully: true })
                    slot.Result.Dispose();
            }
        }
    }
}
