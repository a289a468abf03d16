using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace RuleHost.Engine.Hosting;

/// <summary>EventQueue is the bounded channel between ingest and evaluation; a full queue makes ingest wait.</summary>
/// <remarks>
/// <see cref="Ready"/> wakes the evaluation thread directly (see <see cref="Wakeup"/>).
/// </remarks>
internal sealed class EventQueue(IOptions<RuleHostOptions> options, TimeProvider clock) : IDisposable
{
    private readonly Channel<Event> _channel = Channel.CreateBounded<Event>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private long _enqueued;

    public ChannelReader<Event> Reader => _channel.Reader;

    /// <summary>Ready is set when events were queued; the evaluation loop sleeps on it (and sets it for its commands and rule sets).</summary>
    public Wakeup Ready { get; } = new(clock);

    /// <summary>Enqueued counts every event accepted into the queue since start.</summary>
    public long Enqueued => Interlocked.Read(ref _enqueued);

    public int Depth => _channel.Reader.Count;

    public async ValueTask EnqueueAsync(IReadOnlyList<Event> events, CancellationToken cancellationToken)
    {
        var writer = _channel.Writer;
        foreach (var e in events)
        {
            while (!writer.TryWrite(e))
            {
                Ready.Set(); // full: the loop must be awake to make room
                await writer.WaitToWriteAsync(cancellationToken);
            }
        }

        Interlocked.Add(ref _enqueued, events.Count);
        Ready.Set();
    }

    public void Dispose() => Ready.Dispose();
}
