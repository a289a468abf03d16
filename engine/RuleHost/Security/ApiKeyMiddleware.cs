namespace RuleHost.Host.Security;

/// <summary>ApiKeyMiddleware makes every <c>/api</c> call present <c>Authorization: Bearer &lt;key&gt;</c> once any key is configured; ingest keys reach only the ingest routes.</summary>
/// <remarks>It runs after routing, so it judges the route that matched (any case, trailing slash) rather than the raw path.</remarks>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyRing keys)
{
    // Method and route pattern of what an ingest key may call: events in, and the Alertmanager-compatible alert API.
    private static readonly HashSet<(string Method, string Pattern)> IngestRoutes =
    [
        ("POST", "/api/v1/events"),
        ("POST", "/api/v2/alerts"),
        ("GET", "/api/v2/alerts"),
    ];

    public Task InvokeAsync(HttpContext context)
    {
        if (keys.IsEmpty || !context.Request.Path.StartsWithSegments("/api"))
            return next(context);
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Unauthorized(context, "send Authorization: Bearer <key> (one of RuleHost:ApiKeys)");
        var key = keys.Find(header["Bearer ".Length..].Trim());
        if (key is null)
            return Unauthorized(context, "the bearer key is not one of RuleHost:ApiKeys");
        if (key.Role == ApiKeyRole.Ingest && !IsIngestRoute(context))
        {
            return Results.Problem(statusCode: 403, title: "Forbidden", detail: $"key '{key.Name}' is an ingest key: it may only POST /api/v1/events and POST or GET /api/v2/alerts")
                .ExecuteAsync(context);
        }

        return next(context);
    }

    private static bool IsIngestRoute(HttpContext context)
    {
        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        return pattern is not null && IngestRoutes.Contains((context.Request.Method.ToUpperInvariant(), "/" + pattern.Trim('/')));
    }

    private static Task Unauthorized(HttpContext context, string detail)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"rulehost\"";
        return Results.Problem(statusCode: 401, title: "Unauthorized", detail: detail).ExecuteAsync(context);
    }
}
