namespace RuleHost.Host.Api;

/// <summary>ApiEndpoints maps the whole HTTP API in one place.</summary>
internal static class ApiEndpoints
{
    public static void MapRuleHostApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/api/v1");
        v1.MapPost("/events", EventEndpoints.PostAsync);
        v1.MapGet("/alerts", AlertEndpoints.List);
        v1.MapGet("/rules", RuleEndpoints.List);
        v1.MapGet("/notifications", NotificationEndpoints.List);
        v1.MapPost("/test-alert", NotificationEndpoints.TestAsync);
        v1.MapPost("/preview", NotificationEndpoints.Preview);
        app.MapGet("/healthz", HealthEndpoints.Get);
    }
}
