using RuleHost.Engine.Delivery;

namespace RuleHost.Host.Api;

/// <summary>TargetEndpoints re-read the targets of the configuration file on request, as an edit of the file does, and say what that did.</summary>
internal static class TargetEndpoints
{
    public static IResult Reload(TargetReloadService reloader, TargetCatalog targets)
    {
        var reload = reloader.Reload();
        if (reload.Rejected)
        {
            return Results.Problem(
                statusCode: 400,
                title: "Invalid configuration",
                detail: "the targets were not reloaded; the previous targets keep working: " + string.Join("; ", reload.Problems),
                extensions: new Dictionary<string, object?> { ["errors"] = reload.Problems });
        }

        return Results.Ok(new
        {
            targets = targets.All.Select(t => t.Name).Order(StringComparer.Ordinal),
            added = reload.Added,
            changed = reload.Updated,
            removed = reload.Removed,
        });
    }
}
