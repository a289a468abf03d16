using RuleHost.Engine.Alerts;

namespace RuleHost.Host.Api;

/// <summary>AlertEndpoints serve the alerts: active ones and the most recently resolved.</summary>
internal static class AlertEndpoints
{
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
}
