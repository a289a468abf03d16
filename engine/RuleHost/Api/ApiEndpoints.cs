using RuleHost.Host.Metrics;

namespace RuleHost.Host.Api;

/// <summary>ApiEndpoints maps the whole HTTP API in one place.</summary>
internal static class ApiEndpoints
{
    public static void MapRuleHostApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/api/v1");
        v1.MapPost("/events", EventEndpoints.PostAsync);
        v1.MapGet("/alerts", AlertEndpoints.List);
        v1.MapGet("/alerts/{fingerprint}", AlertEndpoints.Get);
        v1.MapPost("/alerts/{fingerprint}/ack", AlertEndpoints.AcknowledgeAsync);
        v1.MapPost("/alerts/{fingerprint}/resolve", AlertEndpoints.ResolveAsync);
        v1.MapGet("/rules", RuleEndpoints.List);
        v1.MapGet("/silences", SilenceEndpoints.List);
        v1.MapGet("/silences/{id}", SilenceEndpoints.Get);
        v1.MapPost("/silences", SilenceEndpoints.PostAsync);
        v1.MapDelete("/silences/{id}", SilenceEndpoints.Delete);
        v1.MapGet("/plugins", PluginEndpoints.List);
        v1.MapGet("/templates", TemplateEndpoints.List);
        v1.MapGet("/notifications", NotificationEndpoints.List);
        v1.MapPost("/test-alert", NotificationEndpoints.TestAsync);
        v1.MapPost("/preview", NotificationEndpoints.Preview);
        v1.MapPost("/reload", TargetEndpoints.Reload);
        app.MapGet("/healthz", HealthEndpoints.Get);

        // Alertmanager's v2 alert API, so Prometheus can use RuleHost as its Alertmanager.
        var v2 = app.MapGroup("/api/v2");
        v2.MapPost("/alerts", AlertmanagerEndpoints.PostAsync);
        v2.MapGet("/alerts", AlertmanagerEndpoints.ListAsync);
        app.MapRuleHostMetrics();
    }
}
