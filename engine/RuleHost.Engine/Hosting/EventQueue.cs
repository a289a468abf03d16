using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace RuleHost.Engine.Hosting;

/// <summary>EventQueue is the bounded channel between ingest and evaluation; a full queue makes ingest wait.</summary>
internal sealed class EventQueue(IOptions<RuleHostOptions> options)
{
    private readonly Channel<Event> _channel = Channel.CreateBounded<Event>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private long _enqueued;

    public ChannelReader<Event> Reader => _channel.Reader;

    /// <summary>Enqueued counts every event accepted into the queue since start.</summary>
    public long Enqueued => Interlocked.Read(ref _enqueued);

    public int Depth => _channel.Reader.Count;

    public async ValueTask EnqueueAsync(IReadOnlyList<Event> events, CancellationToken cancellationToken)
    {
        var writer = _channel.Writer;
        foreach (var e in events)
        {
            while (!writer.TryWrite(e))
                await writer.WaitToWriteAsync(cancellationToken);
        }

        Interlocked.Add(ref _enqueued, events.Count);
    }
}
