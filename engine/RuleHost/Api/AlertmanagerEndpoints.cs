using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using RuleHost.Engine.Alertmanager;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Hosting;
using RuleHost.Engine.Ingest;
using RuleHost.Engine.Rules;
using RuleHost.Engine.Silences;
using RuleHost.Host.Metrics;

namespace RuleHost.Host.Api;

/// <summary>AlertmanagerEndpoints serve Alertmanager's v2 alert API, so Prometheus and other Alertmanager clients can use RuleHost as their Alertmanager.</summary>
internal static partial class AlertmanagerEndpoints
{
    private const int MaxErrors = 100;

    /// <summary>PostAsync takes a postableAlerts batch; all of it is applied in one evaluation-thread command, or none of it.</summary>
    public static async Task<IResult> PostAsync(HttpContext context, EvaluationLoop loop, TimeProvider clock, IOptions<RuleHostOptions> options, IngestMeter meter)
    {
        List<PostableAlert>? items;
        try
        {
            items = await JsonSerializer.DeserializeAsync(context.Request.Body, AlertmanagerJson.Default.ListPostableAlert, context.RequestAborted);
        }
        catch (JsonException e)
        {
            meter.Rejected(IngestMeter.Alerts, IngestMeter.Invalid);
            return Invalid([Malformed(e)]);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            meter.Rejected(IngestMeter.Alerts, IngestMeter.TooLarge);
            return Results.Problem(statusCode: 413, title: "Request too large", detail: $"the body is over the limit of {options.Value.MaxRequestBytes} bytes (RuleHost:MaxRequestBytes); send smaller batches");
        }

        if (items is null)
        {
            meter.Rejected(IngestMeter.Alerts, IngestMeter.Invalid);
            return Invalid([new IngestError(0, null, "the body must be a JSON array of alerts, got null")]);
        }

        var now = clock.GetUtcNow();
        var errors = new IngestErrorList(MaxErrors);
        var alerts = PostedAlertValidator.Validate(items, now, options.Value.ResolveTimeout, errors);
        if (errors.Count > 0)
        {
            meter.Rejected(IngestMeter.Alerts, IngestMeter.Invalid);
            return Invalid(errors.ToList());
        }

        var resolved = await loop.InvokeAndSaveAsync(engine =>
        {
            engine.External.Post(alerts, now);
            return alerts.Count(a => a.EndsAt <= now);
        });
        meter.AlertsReceived(alerts.Count - resolved, resolved);
        return Results.Ok(); // Alertmanager answers 200 with an empty body
    }

    /// <summary>ListAsync returns every firing alert (posted or raised by rules) as gettableAlerts, with Alertmanager's filters.</summary>
    public static async Task<IResult> ListAsync(
        HttpContext context, EvaluationLoop loop, AlertIndex index, RuleCatalog catalog, TimeProvider clock,
        bool? active, bool? silenced, string[]? filter)
    {
        var matchers = new List<LabelMatcher>();
        foreach (var text in filter ?? [])
        {
            if (LabelMatcher.TryParse(text, out var matcher, out var problem))
                matchers.Add(matcher);
            else
                return Results.Problem(statusCode: 400, title: "Invalid filter", detail: $"filter '{text}': {problem}", extensions: new Dictionary<string, object?> { ["field"] = "filter" });
        }

        var external = await loop.InvokeAsync(engine => engine.External.Views());
        var mapper = new GettableAlertMapper(catalog.Current, context.RequestServices.GetService<IMuter>(), clock.GetUtcNow());
        var list = new List<GettableAlert>(external.Count);
        var posted = new HashSet<string>(external.Count, StringComparer.Ordinal);
        foreach (var view in external)
        {
            posted.Add(view.Alert.Fingerprint);
            list.Add(mapper.FromPosted(view));
        }

        foreach (var alert in index.All)
        {
            if (alert.State is AlertState.Firing or AlertState.Acknowledged && !posted.Contains(alert.Fingerprint))
                list.Add(mapper.FromRule(alert));
        }

        list.RemoveAll(a => !Wanted(a, active ?? true, silenced ?? true, matchers));
        list.Sort(static (a, b) => string.CompareOrdinal(a.Fingerprint, b.Fingerprint));
        return Results.Json(list, AlertmanagerJson.Default.ListGettableAlert);
    }

    private static bool Wanted(GettableAlert alert, bool active, bool silenced, List<LabelMatcher> matchers)
    {
        var suppressed = alert.Status.State == GettableAlertMapper.Suppressed;
        if ((suppressed && !silenced) || (!suppressed && !active))
            return false;
        foreach (var matcher in matchers)
        {
            if (!matcher.Matches(alert.Labels))
                return false;
        }

        return true;
    }

    private static IResult Invalid(IReadOnlyList<IngestError> errors)
    {
        var first = errors[0];
        return Results.Problem(
            statusCode: 400,
            title: "Invalid alerts",
            detail: $"{errors.Count} problem(s); nothing of this request was accepted. First: {first}",
            extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { item = e.Item, field = e.Field, message = e.Message }) });
    }

    /// <summary>Malformed names the item and field of a JSON error from its path, e.g. <c>$[3].startsAt</c>.</summary>
    private static IngestError Malformed(JsonException e)
    {
        if (e.Path is not { } path || ItemPath().Match(path) is not { Success: true } m)
            return new IngestError(0, null, e.Path is "$" or null ? "the body must be a JSON array of alerts" : CutPosition(e.Message));
        var item = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var field = m.Groups[2].Value is { Length: > 0 } f ? f : null;
        return new IngestError(item, field, Expected(field) ?? CutPosition(e.Message));
    }

    /// <summary>Expected says what a field must hold, in the sender's terms rather than .NET type names.</summary>
    private static string? Expected(string? field) => field switch
    {
        null => ItemMustBeObject,
        "startsAt" or "endsAt" => "must be an RFC 3339 date-time string",
        "labels" or "annotations" => "must be an object of string values",
        "generatorURL" => "must be a string",
        _ when field.StartsWith("labels.", StringComparison.Ordinal) || field.StartsWith("annotations.", StringComparison.Ordinal) => "must be a string",
        _ => null,
    };

    private const string ItemMustBeObject = "item must be a JSON object";

    private static string CutPosition(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [GeneratedRegex(@"^\$\[(\d+)\]\.?(.*)$")]
    private static partial Regex ItemPath();
}
