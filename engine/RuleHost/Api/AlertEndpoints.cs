using System.Text.Json;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Hosting;
using RuleHost.Engine.Storage;

namespace RuleHost.Host.Api;

/// <summary>AlertEndpoints serve the alerts (active ones and the most recently resolved) and change them by hand: acknowledge, resolve.</summary>
internal static class AlertEndpoints
{
    private const int HistoryLimit = 1000;

    public static IResult List(AlertIndex alerts, string? state, string? rule, string? key)
    {
        AlertState? wanted = null;
        if (state is not null)
        {
            // Only the four words: Enum.TryParse would also take numbers and comma lists ("firing,pending" ORs to Firing).
            if (!Enum.GetNames<AlertState>().Contains(state, StringComparer.OrdinalIgnoreCase))
                return Results.Problem(statusCode: 400, title: "Invalid filter", detail: $"state must be pending, firing, acknowledged or resolved (was '{state}')");
            wanted = Enum.Parse<AlertState>(state, ignoreCase: true);
        }

        var list = alerts.All
            .Where(a => wanted is null || a.State == wanted)
            .Where(a => rule is null || a.Rule == rule)
            .Where(a => key is null || a.Key == key)
            .OrderByDescending(a => a.StartsAt)
            .ToList();
        return Results.Ok(list);
    }

    /// <summary>Get returns one alert with its history (who changed it, when).</summary>
    public static IResult Get(string fingerprint, AlertIndex alerts, IStateStore store) =>
        alerts.Find(fingerprint) is { } alert
            ? Results.Ok(new { alert, history = store.History(fingerprint, HistoryLimit).Select(Change) })
            : NotFound(fingerprint);

    public static Task<IResult> AcknowledgeAsync(string fingerprint, HttpContext context, AlertIndex alerts, EvaluationLoop loop) =>
        ChangeAsync(fingerprint, context, alerts, loop, (engine, alert, by, comment) => engine.Acknowledge(alert, by, comment), "acknowledge");

    public static Task<IResult> ResolveAsync(string fingerprint, HttpContext context, AlertIndex alerts, EvaluationLoop loop) =>
        ChangeAsync(fingerprint, context, alerts, loop, (engine, alert, by, comment) => engine.ResolveByHand(alert, by, comment), "resolve");

    /// <summary>ChangeAsync runs the change on the evaluation thread and answers once it is saved.</summary>
    private static async Task<IResult> ChangeAsync(
        string fingerprint,
        HttpContext context,
        AlertIndex alerts,
        EvaluationLoop loop,
        Func<RuleEngine, Alert, string, string?, AlertCommandResult> change,
        string verb)
    {
        if (alerts.Find(fingerprint) is not { } alert)
            return NotFound(fingerprint);
        if (await ReadActorAsync(context) is not (var by, var comment))
            return Results.Problem(statusCode: 400, title: "Invalid body", detail: "the body must be a JSON object such as {\"by\": \"alice\", \"comment\": \"looking\"}, or empty");

        var result = await loop.InvokeAndSaveAsync(engine => change(engine, alert, by, comment));
        return result switch
        {
            AlertCommandResult.Done => Results.Ok(alerts.Find(fingerprint)),
            AlertCommandResult.NotFound => NotFound(fingerprint),
            _ => Results.Problem(statusCode: 409, title: "Wrong state", detail: $"cannot {verb} alert {fingerprint}: it is {alerts.Find(fingerprint)?.State.ToString().ToLowerInvariant() ?? "gone"}"),
        };
    }

    /// <summary>ReadActorAsync reads the optional {"by", "comment"} body; who defaults to the caller's API key name, else "api".</summary>
    private static async Task<(string By, string? Comment)?> ReadActorAsync(HttpContext context)
    {
        var fallback = context.User.Identity?.Name is { Length: > 0 } name ? name : "api";
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
            return (fallback, null);
        try
        {
            using var body = JsonDocument.Parse(text);
            if (body.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            var by = body.RootElement.TryGetProperty("by", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
            var comment = body.RootElement.TryGetProperty("comment", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            return (string.IsNullOrWhiteSpace(by) ? fallback : by, comment);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static object Change(AlertChange c) => new { state = c.State, at = c.At, by = c.By, comment = c.Comment };

    private static IResult NotFound(string fingerprint) =>
        Results.Problem(statusCode: 404, title: "Unknown alert", detail: $"no alert has the fingerprint '{fingerprint}'");
}
