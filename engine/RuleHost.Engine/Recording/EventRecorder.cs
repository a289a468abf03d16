using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RuleHost.Engine.Recording;

using Log = RuleHost.Engine.Hosting.Log;
using RuleHostOptions = RuleHost.Engine.Hosting.RuleHostOptions;

/// <summary>EventRecorder writes every accepted event to rotated NDJSON files (opt-in), so <c>rulehost replay</c> has real input.</summary>
/// <remarks>
/// Writing happens off the request path through a bounded queue; if the disk cannot keep up, whole batches are
/// skipped and counted in the log rather than slowing ingest. Files are named by the time they were started.
/// </remarks>
internal sealed class EventRecorder(IOptions<RuleHostOptions> host, IOptions<RecordingOptions> options, TimeProvider clock, ILogger<EventRecorder> logger)
    : BackgroundService
{
    private readonly Channel<IReadOnlyList<Event>> _batches = Channel.CreateBounded<IReadOnlyList<Event>>(new BoundedChannelOptions(1024)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private long _skipped;

    public bool Enabled => options.Value.Enabled;

    public string Folder => Path.Combine(host.Value.DataPath, options.Value.Path);

    public void Record(IReadOnlyList<Event> events)
    {
        if (Enabled && !_batches.Writer.TryWrite(events))
            Interlocked.Add(ref _skipped, events.Count);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
            return;
        Directory.CreateDirectory(Folder);
        Log.Recording(logger, Path.GetFullPath(Folder));
        FileStream? file = null;
        try
        {
            await foreach (var batch in _batches.Reader.ReadAllAsync(stoppingToken))
            {
                if (file is null || file.Length >= options.Value.MaxFileBytes)
                    file = await RotateAsync(file);
                await using (var json = new Utf8JsonWriter(file, new JsonWriterOptions { SkipValidation = true }))
                {
                    foreach (var e in batch)
                    {
                        EventJson.Write(json, e);
                        await json.FlushAsync(stoppingToken);
                        file.WriteByte((byte)'\n');
                        json.Reset();
                    }
                }

                await file.FlushAsync(stoppingToken);
                if (Interlocked.Exchange(ref _skipped, 0) is var skipped and > 0)
                    Log.RecordingSkipped(logger, skipped);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            if (file is not null)
                await file.DisposeAsync();
        }
    }

    private async Task<FileStream> RotateAsync(FileStream? current)
    {
        if (current is not null)
            await current.DisposeAsync();
        var name = $"events-{clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture)}.ndjson";
        var file = new FileStream(Path.Combine(Folder, name), FileMode.Append, FileAccess.Write, FileShare.Read);
        foreach (var old in Directory.GetFiles(Folder, "events-*.ndjson").Order(StringComparer.Ordinal).SkipLast(options.Value.KeepFiles))
            File.Delete(old);
        return file;
    }
}
