namespace RuleHost.Engine.Silences;

/// <summary>SilenceValidator turns a draft into a silence, or lists every problem with it, each naming its field.</summary>
internal static class SilenceValidator
{
    public static IReadOnlyList<SilenceProblem> Validate(SilenceDraft draft, DateTimeOffset now, out Silence? silence)
    {
        var problems = new List<SilenceProblem>();
        var matchers = Matchers(draft.Matchers, problems);
        // Milliseconds are what the silences table keeps; cutting here makes a silence read the same after a restart.
        now = Milliseconds(now);
        var startsAt = Milliseconds(draft.StartsAt ?? now);
        if (draft.EndsAt is not { } endsAt)
            problems.Add(new("endsAt", "endsAt is required"));
        else if (endsAt <= startsAt)
            problems.Add(new("endsAt", $"endsAt ({endsAt:O}) must be after startsAt ({startsAt:O})"));
        else if (endsAt <= now)
            problems.Add(new("endsAt", $"endsAt ({endsAt:O}) is in the past"));

        silence = problems.Count > 0 ? null : new Silence
        {
            Id = draft.Id ?? "",
            Matchers = matchers,
            StartsAt = startsAt,
            EndsAt = Milliseconds(draft.EndsAt!.Value),
            CreatedBy = draft.CreatedBy ?? "",
            Comment = draft.Comment ?? "",
            UpdatedAt = now,
        };
        return problems;
    }

    public static DateTimeOffset Milliseconds(DateTimeOffset t) =>
        DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds());

    private static List<SilenceMatcher> Matchers(IReadOnlyList<SilenceMatcherDraft?>? drafts, List<SilenceProblem> problems)
    {
        var matchers = new List<SilenceMatcher>();
        if (drafts is null || drafts.Count == 0)
        {
            problems.Add(new("matchers", "at least one matcher is required"));
            return matchers;
        }

        for (var i = 0; i < drafts.Count; i++)
        {
            if (Matcher(drafts[i], $"matchers[{i}]", problems) is { } matcher)
                matchers.Add(matcher);
        }

        return matchers;
    }

    private static SilenceMatcher? Matcher(SilenceMatcherDraft? draft, string field, List<SilenceProblem> problems)
    {
        if (draft is null)
        {
            problems.Add(new(field, $"{field} must be an object with name and value"));
            return null;
        }

        if (string.IsNullOrWhiteSpace(draft.Name))
            problems.Add(new($"{field}.name", $"{field}.name must not be empty (rule, key or a label name)"));
        if (draft.Value is null)
            problems.Add(new($"{field}.value", $"{field}.value is required"));
        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Value is null)
            return null;
        try
        {
            return new SilenceMatcher(draft.Name, draft.Value, draft.IsRegex, draft.IsEqual ?? true);
        }
        catch (ArgumentException e)
        {
            problems.Add(new($"{field}.value", $"{field}.value is not a valid regex: {e.Message}"));
            return null;
        }
    }
}
