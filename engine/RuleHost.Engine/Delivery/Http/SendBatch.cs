namespace RuleHost.Engine.Delivery.Http;

/// <summary>SendBatch holds back the socket writes of the pipelined requests made on this thread until it is disposed, so that requests made together leave in one write per connection.</summary>
/// <remarks>
/// The delivery worker starts a batch of sends inside one, and a connection completes a read's worth of responses inside
/// one (whose continuations send what waits next). A request made on another thread, or after an await that did not
/// complete at once, is written as usual. Nested batches join the outermost.
/// </remarks>
internal readonly struct SendBatch : IDisposable
{
    [ThreadStatic]
    private static List<PipelinedConnection>? t_held;

    private readonly List<PipelinedConnection>? _held;

    private SendBatch(List<PipelinedConnection>? held) => _held = held;

    /// <summary>Begin starts holding writes on this thread (unless a batch already does).</summary>
    public static SendBatch Begin()
    {
        if (t_held is not null)
            return default;
        t_held = [];
        return new SendBatch(t_held);
    }

    /// <summary>Hold takes over the write a connection was about to start; false when no batch is open on this thread.</summary>
    public static bool Hold(PipelinedConnection connection)
    {
        if (t_held is not { } held)
            return false;
        held.Add(connection);
        return true;
    }

    /// <summary>Dispose writes what every held connection collected.</summary>
    public void Dispose()
    {
        if (_held is null)
            return;
        t_held = null;
        foreach (var connection in _held)
            connection.Flush();
    }
}
