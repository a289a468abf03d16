using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Rules;

namespace RuleHost.Host.Api;

/// <summary>RuleEndpoints show every rule file and rule: version, status, diagnostics and counters.</summary>
internal static class RuleEndpoints
{
    public static IResult List(RuleCatalog catalog, RuleEngine engine)
    {
        var files = catalog.Status.Select(file => new
        {
            path = file.Path,
            version = file.Version,
            status = file.Error ? "error" : "ok",
            diagnostics = file.Diagnostics.Select(ApiJson.Diagnostic),
            rules = file.Rules.Select(spec =>
            {
                var evaluator = engine.Find(spec.Name) is { } found && ReferenceEquals(found.Spec, spec) ? found : null;
                var counters = evaluator?.Counters;
                return new
                {
                    name = spec.Name,
                    kind = spec.Kind,
                    status = evaluator is null ? "loading" : evaluator.Quarantined ? "quarantined" : counters!.Faults > 0 ? "faulting" : "ok",
                    matched = counters?.Matched ?? 0,
                    faults = counters?.Faults ?? 0,
                    lastError = counters?.LastError,
                    lastErrorAt = counters?.LastErrorAt,
                    notifyTo = spec.NotifyTo,
                };
            }),
        });
        return Results.Ok(files);
    }
}
