using Microsoft.Extensions.Options;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Delivery;
using RuleHost.Engine.Rules;
using RuleHost.Notifications;

namespace RuleHost.Host.Api;

/// <summary>NotificationEndpoints serve the audit trail, test alerts and body previews.</summary>
internal static class NotificationEndpoints
{
    private const int MaxLimit = 10_000;

    /// <summary>TestAlertRequest is the body of POST /api/v1/test-alert and, with a fingerprint, of POST /api/v1/preview.</summary>
    internal sealed record TestAlertRequest(string? Target, string? Rule, string? Severity, string? Summary, Dictionary<string, string>? Labels, string? Fingerprint = null, string? Kind = null);

    public static IResult List(OutboxStore store, string? alert, string? target, string? outcome, string? limit)
    {
        if (outcome is not null && !AttemptRecord.Outcomes.Contains(outcome))
            return Bad($"outcome must be one of {string.Join(", ", AttemptRecord.Outcomes)} (was '{outcome}')");
        var max = 100;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.CultureInfo.InvariantCulture, out max) || max is < 1 or > MaxLimit))
            return Bad($"limit must be a whole number from 1 to {MaxLimit} (was '{limit}')");
        return Results.Ok(store.Attempts(alert, target, outcome, max).Select(View));
    }

    public static async Task<IResult> TestAsync(TestAlertRequest? request, TestAlerts tests, IOptions<DeliveryOptions> options, CancellationToken cancellationToken)
    {
        if (request?.Target is not { Length: > 0 } target)
            return Bad("target is required: the name of a configured target (RuleHost:Targets)");
        if (!TryParseSeverity(request.Severity, out var severity))
            return Bad($"severity must be info, warning, error or critical (was '{request.Severity}')");
        var alert = tests.Synthetic(target, request.Rule, severity, request.Summary, request.Labels);
        var wait = (options.Value.AttemptTimeout * 2) + TimeSpan.FromSeconds(5);
        AttemptRecord? first;
        try
        {
            first = await tests.SendAsync(alert, target, wait, cancellationToken);
        }
        catch (TimeoutException)
        {
            return Results.Accepted(value: new { target, outcome = "pending", error = "the first attempt did not finish in time; see GET /api/v1/notifications" });
        }

        return first is null ? UnknownTarget(target) : Results.Ok(View(first));
    }

    public static IResult Preview(TestAlertRequest? request, TestAlerts tests, AlertIndex alerts, RuleCatalog rules)
    {
        if (request?.Target is not { Length: > 0 } target)
            return Bad("target is required: the name of a configured target (RuleHost:Targets)");
        if (!TryParseSeverity(request.Severity, out var severity))
            return Bad($"severity must be info, warning, error or critical (was '{request.Severity}')");
        var kind = NotificationKind.Firing;
        if (request.Kind is not null && (!Enum.GetNames<NotificationKind>().Contains(request.Kind, StringComparer.OrdinalIgnoreCase) || !Enum.TryParse(request.Kind, true, out kind)))
            return Bad($"kind must be one of {string.Join(", ", Enum.GetNames<NotificationKind>().Select(n => n.ToLowerInvariant()))} (was '{request.Kind}')");
        Alert alert;
        if (request.Fingerprint is { } fingerprint)
        {
            if (alerts.Find(fingerprint) is not { } found)
                return Results.Problem(statusCode: 404, title: "Unknown alert", detail: $"no alert has fingerprint '{fingerprint}'");
            alert = found;
        }
        else
        {
            alert = tests.Synthetic(target, request.Rule, severity, request.Summary, request.Labels);
        }

        var template = rules.Current.Rules.FirstOrDefault(r => r.Name == alert.Rule)?.Template;
        return tests.Preview(alert, target, kind, template) switch
        {
            null => UnknownTarget(target),
            ({ } item, false) => Results.Problem(statusCode: 409, title: "Sink not loaded", detail: $"target '{target}': its sink is not loaded, so its body cannot be rendered yet"),
            ({ } item, true) => Results.Ok(new { target, kind, contentType = item.ContentType, body = item.Body, problem = item.RenderProblem }),
        };
    }

    private static bool TryParseSeverity(string? text, out Severity? severity)
    {
        severity = null;
        if (text is null)
            return true;
        if (!Enum.GetNames<Severity>().Contains(text, StringComparer.OrdinalIgnoreCase))
            return false;
        severity = Enum.Parse<Severity>(text, ignoreCase: true);
        return true;
    }

    private static object View(AttemptRecord r) => new
    {
        notificationId = r.NotificationId,
        alert = r.Fingerprint,
        target = r.Target,
        kind = r.Kind,
        attempt = r.Attempt,
        at = r.At,
        latencyMs = r.LatencyMs,
        statusCode = r.StatusCode,
        error = r.Error,
        outcome = r.Outcome,
    };

    private static IResult Bad(string detail) => Results.Problem(statusCode: 400, title: "Invalid request", detail: detail);

    private static IResult UnknownTarget(string target) =>
        Results.Problem(statusCode: 404, title: "Unknown target", detail: $"target '{target}' is not configured (RuleHost:Targets)");
}
