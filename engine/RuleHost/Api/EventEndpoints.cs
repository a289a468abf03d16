using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RuleHost.Engine.Hosting;
using RuleHost.Engine.Ingest;
using RuleHost.Engine.Recording;
using RuleHost.Engine.Storage;
using RuleHost.Host.Metrics;

namespace RuleHost.Host.Api;

/// <summary>EventEndpoints take events in: one JSON object, an array or NDJSON; all accepted or none.</summary>
internal static class EventEndpoints
{
    public static async Task<IResult> PostAsync(HttpContext context, EventQueue queue, EventParser parser, EventIdWindow ids, EventRecorder recorder, EventJournal journal, TimeProvider clock, IOptions<RuleHostOptions> options, IngestMeter meter)
    {
        var limit = options.Value.MaxRequestBytes;
        if (context.Request.ContentLength > limit)
            return TooLarge(limit, meter);
        var bodyLimit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodyLimit is { IsReadOnly: false })
            bodyLimit.MaxRequestBodySize = limit;

        ReadResult read;
        var reader = context.Request.BodyReader;
        try
        {
            while (true)
            {
                read = await reader.ReadAsync(context.RequestAborted);
                if (read.IsCompleted)
                    break;
                if (read.Buffer.Length > limit)
                    return TooLarge(limit, meter);
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit, meter);
        }

        var parsed = Parse(parser, read.Buffer);
        if (!parsed.IsValid)
        {
            reader.AdvanceTo(read.Buffer.End);
            meter.Rejected(IngestMeter.Events, IngestMeter.Invalid);
            var first = parsed.Errors[0];
            return Results.Problem(
                statusCode: 400,
                title: "Invalid events",
                detail: $"{parsed.Errors.Count} problem(s); nothing of this request was accepted. First: item {first.Item}: {first.Message}",
                extensions: new Dictionary<string, object?> { ["errors"] = parsed.Errors.Select(e => new { item = e.Item, field = e.Field, message = e.Message }) });
        }

        var admitted = ids.Admit(parsed.Events, parsed.ClientIds);
        await journal.AppendAsync(read.Buffer, admitted.Events, clock.GetUtcNow(), queue);
        reader.AdvanceTo(read.Buffer.End);
        recorder.Record(admitted.Events);
        return admitted.Duplicates == 0
            ? Results.Json(new { accepted = admitted.Events.Count }, statusCode: 202)
            : Results.Json(new { accepted = admitted.Events.Count, duplicates = admitted.Duplicates }, statusCode: 202);
    }

    private static ParseResult Parse(EventParser parser, ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment)
            return parser.Parse(body.FirstSpan);
        var copy = ArrayPool<byte>.Shared.Rent((int)body.Length);
        try
        {
            body.CopyTo(copy);
            return parser.Parse(copy.AsSpan(0, (int)body.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private static IResult TooLarge(long limit, IngestMeter meter)
    {
        meter.Rejected(IngestMeter.Events, IngestMeter.TooLarge);
        return Results.Problem(statusCode: 413, title: "Request too large", detail: $"the body is over the limit of {limit} bytes (RuleHost:MaxRequestBytes); send smaller batches");
    }
}
