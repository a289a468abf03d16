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
        v1.MapGet("/templates", TemplateEndpoints.List);
        app.MapGet("/healthz", HealthEndpoints.Get);
    }
}
