using System.Buffers;
using System.Globalization;
using System.Text;
using RuleHost.Engine.Hosting;

namespace RuleHost.Engine.Storage;

/// <summary>EventJournal writes every accepted ingest body to <c>data/journal</c> before it is acknowledged, so kill -9 cannot lose it.</summary>
/// <remarks>
/// Each request becomes one record: a header line (<c>#record bytes receivedAt</c>) and the body as received. A record
/// is handed to the operating system (write(2)) before the request is answered: it survives the process dying, not a
/// power cut. Records are numbered; the last event of a record carries its number through evaluation, and each
/// checkpoint saves the number of the last record fully evaluated. After a crash, the records past that number are
/// evaluated again (<see cref="ReadAfter"/>); segments wholly before it are deleted once a checkpoint is committed.
/// </remarks>
internal sealed class EventJournal : IDisposable
{
    private const string Extension = ".journal";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _folder;
    private readonly List<(long FirstRecord, string Path)> _segments = [];
    private FileStream? _current;
    private long _nextRecord;

    public EventJournal(string dataPath)
    {
        _folder = Path.Combine(dataPath, "journal");
        Directory.CreateDirectory(_folder);
        foreach (var path in Directory.EnumerateFiles(_folder, "*" + Extension).Order(StringComparer.Ordinal))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var first))
                _segments.Add((first, path));
        }

        _nextRecord = _segments.Count == 0 ? 1 : ReadRecords(_segments[^1].Path).Select(r => r.Record + 1).DefaultIfEmpty(_segments[^1].FirstRecord).Max();
    }

    /// <summary>AppendAsync journals one request's body, then queues its events; nothing is queued that is not journaled first.</summary>
    public async ValueTask AppendAsync(ReadOnlySequence<byte> body, IReadOnlyList<Event> events, DateTimeOffset receivedAt, EventQueue queue)
    {
        await _gate.WaitAsync();
        try
        {
            var record = _nextRecord++;
            var stream = _current ??= Open(record);
            stream.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"#{record} {body.Length} {receivedAt.ToUnixTimeMilliseconds()}\n")));
            foreach (var segment in body)
                stream.Write(segment.Span);
            stream.WriteByte((byte)'\n');
            stream.Flush();
            if (events.Count > 0)
                events[^1].JournalRecord = record;

            // Not cancellable: once journaled the events must be evaluated, or replay and evaluation would disagree.
            await queue.EnqueueAsync(events, CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>ReadAfter yields every journaled body after <paramref name="record"/>, in order, with the time it was received.</summary>
    public IEnumerable<(long Record, byte[] Body, DateTimeOffset ReceivedAt)> ReadAfter(long record)
    {
        List<(long FirstRecord, string Path)> segments;
        lock (_segments)
            segments = [.. _segments];
        return segments.SelectMany(s => ReadRecords(s.Path)).Where(r => r.Record > record);
    }

    /// <summary>Trim closes the open segment and deletes every segment whose records a committed checkpoint covers.</summary>
    public void Trim(long checkpointed)
    {
        _gate.Wait();
        try
        {
            _current?.Dispose();
            _current = null; // the next append opens a new segment, so this one can go once it is covered
            lock (_segments)
            {
                var covered = 0;
                while (covered < _segments.Count && LastRecordOf(covered) <= checkpointed)
                    File.Delete(_segments[covered++].Path);
                _segments.RemoveRange(0, covered);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private long LastRecordOf(int segment) =>
        segment + 1 < _segments.Count ? _segments[segment + 1].FirstRecord - 1 : _nextRecord - 1;

    public void Dispose()
    {
        _current?.Dispose();
        _gate.Dispose();
    }

    private FileStream Open(long firstRecord)
    {
        var path = Path.Combine(_folder, firstRecord.ToString("D20", CultureInfo.InvariantCulture) + Extension);
        lock (_segments)
            _segments.Add((firstRecord, path));
        return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 64 * 1024);
    }

    /// <summary>ReadRecords reads a segment; a torn last record (the process died writing it, so it was never acknowledged) is ignored.</summary>
    private static IEnumerable<(long Record, byte[] Body, DateTimeOffset ReceivedAt)> ReadRecords(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            yield break;
        }

        var at = 0;
        while (at < bytes.Length)
        {
            var newline = Array.IndexOf(bytes, (byte)'\n', at);
            if (newline < 0 || bytes[at] != (byte)'#')
                yield break;
            var header = Encoding.ASCII.GetString(bytes, at + 1, newline - at - 1).Split(' ');
            if (header.Length != 3
                || !long.TryParse(header[0], CultureInfo.InvariantCulture, out var record)
                || !int.TryParse(header[1], CultureInfo.InvariantCulture, out var length)
                || !long.TryParse(header[2], CultureInfo.InvariantCulture, out var received)
                || newline + 1 + length + 1 > bytes.Length)
                yield break;
            yield return (record, bytes.AsSpan(newline + 1, length).ToArray(), DateTimeOffset.FromUnixTimeMilliseconds(received));
            at = newline + 1 + length + 1;
        }
    }
}
