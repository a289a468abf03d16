using System.Text.Json;
using RuleHost.Engine.Silences;

namespace RuleHost.Host.Api;

/// <summary>SilenceEndpoints list, get, create or update, and expire silences, in Alertmanager's shape.</summary>
internal static class SilenceEndpoints
{
    public static IResult List(SilenceStore store, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        // Alertmanager's order: active first, then pending, then expired; newest end first within each.
        var list = store.All
            .OrderBy(s => s.StateAt(now) switch { SilenceState.Active => 0, SilenceState.Pending => 1, _ => 2 })
            .ThenByDescending(s => s.EndsAt)
            .Select(s => Json(s, now));
        return Results.Ok(list);
    }

    public static IResult Get(string id, SilenceStore store, TimeProvider clock) =>
        store.Find(id) is { } silence ? Results.Ok(Json(silence, clock.GetUtcNow())) : NotFound(id);

    public static async Task<IResult> PostAsync(HttpContext context, SilenceStore store, TimeProvider clock)
    {
        SilenceDraft? draft;
        try
        {
            draft = await JsonSerializer.DeserializeAsync<SilenceDraft>(context.Request.Body, ApiJson.Options, context.RequestAborted);
        }
        catch (JsonException e)
        {
            var field = e.Path is null or "$" ? "body" : e.Path.TrimStart('$', '.');
            return Invalid([new SilenceProblem(field, $"{field}: {e.Message}")]);
        }

        if (draft is null)
            return Invalid([new SilenceProblem("body", "the body must be a silence object")]);
        var problems = SilenceValidator.Validate(draft, clock.GetUtcNow(), out var silence);
        if (problems.Count > 0)
            return Invalid(problems);

        var (outcome, saved) = store.Save(silence!);
        return outcome == SilenceSaveOutcome.NotFound ? NotFound(draft.Id!) : Results.Ok(new { id = saved!.Id });
    }

    public static IResult Delete(string id, SilenceStore store, TimeProvider clock) =>
        store.Expire(id) is { } expired ? Results.Ok(Json(expired, clock.GetUtcNow())) : NotFound(id);

    private static object Json(Silence s, DateTimeOffset now) => new
    {
        id = s.Id,
        matchers = s.Matchers.Select(m => new { name = m.Name, value = m.Value, isRegex = m.IsRegex, isEqual = m.IsEqual }),
        startsAt = s.StartsAt,
        endsAt = s.EndsAt,
        updatedAt = s.UpdatedAt,
        createdBy = s.CreatedBy,
        comment = s.Comment,
        status = new { state = s.StateAt(now) },
    };

    private static IResult Invalid(IReadOnlyList<SilenceProblem> problems) => Results.Problem(
        statusCode: 400,
        title: "Invalid silence",
        detail: string.Join("; ", problems.Select(p => p.Message)),
        extensions: new Dictionary<string, object?> { ["errors"] = problems.Select(p => new { field = p.Field, message = p.Message }) });

    private static IResult NotFound(string id) =>
        Results.Problem(statusCode: 404, title: "Unknown silence", detail: $"no silence has id '{id}'");
}
