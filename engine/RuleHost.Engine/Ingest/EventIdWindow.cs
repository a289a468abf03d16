using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace RuleHost.Engine.Ingest;

/// <summary>EventIdWindow remembers the client-given event ids of the last <see cref="Window"/>, so a retried request is not evaluated twice.</summary>
/// <remarks>
/// Ids are kept as 64-bit hashes (XxHash3 with a random per-process seed), not as strings: the strings would all survive
/// into the old generation and cost the collector, and 2,000,000 hashes take about 70 MB where 40-character ids would take about 250. Two
/// different ids share a hash with a chance of about one in 10^13 per event at full capacity (the later one would be
/// taken for a repeat).
/// One dictionary answers "seen?" with one lookup; ids also sit in time buckets (a sixtieth of the window each) so
/// forgetting is dropping whole buckets, oldest first. An id is remembered for at least the window and at most one bucket
/// longer. Memory is bounded by <see cref="Capacity"/>: past it the oldest buckets go early (the current one always stays).
/// Requests take one lock each, not one per event; bodies without client ids never take it.
/// </remarks>
internal sealed class EventIdWindow(TimeProvider clock, int capacity = EventIdWindow.DefaultCapacity)
{
    public const int DefaultCapacity = 2_000_000;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private static readonly long BucketTicks = Window.Ticks / 60;

    private readonly Lock _gate = new();
    private readonly long _seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));
    private readonly Dictionary<ulong, long> _seen = []; // id hash → bucket it was seen in
    private readonly Queue<(long Bucket, List<ulong> Ids)> _buckets = new();
    private (long Bucket, List<ulong> Ids) _current = (long.MinValue, []);

    public int Capacity => capacity;

    /// <summary>Count is how many ids are remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _seen.Count;
        }
    }

    /// <summary>Admit drops every event whose client id was seen in the window (or earlier in the same request) and remembers the rest.</summary>
    public EventAdmission Admit(IReadOnlyList<Event> events, IReadOnlyList<int> clientIds)
    {
        if (clientIds.Count == 0)
            return EventAdmission.All(events);
        var duplicates = 0;
        bool[]? duplicate = null;
        lock (_gate)
        {
            var ids = Current();
            foreach (var i in clientIds)
            {
                var id = Hash(events[i].Id);
                if (_seen.TryAdd(id, ids.Bucket))
                {
                    ids.Ids.Add(id);
                }
                else
                {
                    (duplicate ??= new bool[events.Count])[i] = true;
                    duplicates++;
                }
            }

            Trim();
        }

        // Once admitted, events are journaled and queued without cancellation (see EventJournal), so nothing is taken back.
        return duplicate is null
            ? new EventAdmission(events, 0)
            : new EventAdmission([.. events.Where((_, i) => !duplicate[i])], duplicates);
    }

    /// <summary>Current drops the buckets that left the window and returns the bucket of now.</summary>
    private ulong Hash(string id) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan()), _seed);

    private (long Bucket, List<ulong> Ids) Current()
    {
        var now = clock.GetUtcNow().UtcTicks / BucketTicks;
        var oldestKept = now - (Window.Ticks / BucketTicks);
        while (_buckets.TryPeek(out var oldest) && oldest.Bucket < oldestKept)
            Drop(_buckets.Dequeue());
        if (_current.Bucket != now)
        {
            _current = (now, []);
            _buckets.Enqueue(_current);
        }

        return _current;
    }

    private void Trim()
    {
        while (_seen.Count > capacity && _buckets.Count > 1)
            Drop(_buckets.Dequeue());
    }

    private void Drop((long Bucket, List<ulong> Ids) bucket)
    {
        foreach (var id in bucket.Ids)
        {
            // An id forgotten and seen again since sits in a newer bucket: leave it.
            if (_seen.TryGetValue(id, out var seenIn) && seenIn == bucket.Bucket)
                _seen.Remove(id);
        }
    }
}
