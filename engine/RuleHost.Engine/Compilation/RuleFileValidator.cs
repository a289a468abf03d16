using RuleHost.Rules;

namespace RuleHost.Engine.Compilation;

/// <summary>RuleFileValidator reports misuse of the rule language in one file: missing parts, duplicate names.</summary>
internal static class RuleFileValidator
{
    public static IEnumerable<RuleDiagnostic> Validate(IReadOnlyList<RuleSpec> rules)
    {
        foreach (var spec in rules)
        {
            foreach (var problem in spec.Problems)
                yield return RuleDiagnostic.Error(problem.File, problem.Line, problem.Id, problem.Message);
            foreach (var missing in Missing(spec))
                yield return RuleDiagnostic.Error(spec.File, spec.Line, "RH0100", $"{spec.Kind} '{spec.Name}' needs {missing}");
        }

        foreach (var duplicate in rules.GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var second = duplicate.Skip(1).First();
            yield return RuleDiagnostic.Error(second.File, second.Line, "RH0105", $"a rule named '{duplicate.Key}' is already registered in this file");
        }
    }

    private static IEnumerable<string> Missing(RuleSpec spec)
    {
        if (spec.Kind != RuleKind.Composite && spec.Match is null)
            yield return "Match(e => …)";
        switch (spec.Kind)
        {
            case RuleKind.Threshold when spec.When is null:
                yield return "When(e => …)";
                break;
            case RuleKind.Heartbeat when spec.MissingFor <= TimeSpan.Zero:
                yield return "MissingFor(duration)";
                break;
            case RuleKind.Rate:
                if (spec.Count is null)
                    yield return "Count(e => …)";
                if (spec.Window <= TimeSpan.Zero)
                    yield return "Over(window)";
                if (spec.Above is null)
                    yield return "Above(ratio)";
                break;
            case RuleKind.Anomaly:
                if (spec.Window <= TimeSpan.Zero)
                    yield return "Over(window)";
                if (spec.Above is null && spec.Below is null)
                    yield return "Above(zScore: …) or Below(zScore: …)";
                break;
            case RuleKind.Composite when spec.Components.Count == 0:
                yield return "AllOf(…) or AnyOf(…) naming at least one rule";
                break;
        }
    }
}
