using RuleHost.Rules;

namespace RuleHost.Engine.Evaluation;

/// <summary>CompositeEvaluator runs a <c>Composite</c> rule over the firing alerts of other rules with the same key.</summary>
internal sealed class CompositeEvaluator(RuleSpec spec, RuleEngine engine) : RuleEvaluator(spec, engine)
{
    public override void Evaluate(Event e)
    {
        // Composites see alerts, not events: the engine calls Reconsider when a component changes.
    }

    /// <summary>Reconsider re-judges the composite for one key after one of its components changed.</summary>
    public void Reconsider(string key, Event? trigger, DateTimeOffset at)
    {
        var firing = Spec.Components.Select(c => Engine.IsFiring(c, key));
        var condition = Spec.RequireAll ? firing.All(f => f) : firing.Any(f => f);
        var track = Track(key);
        track.LastMatchedHost = Engine.Clock.GetUtcNow();
        if (condition && !track.IsActive)
            Fire(track, at, at, trigger);
        else if (!condition && track.IsActive)
            Resolve(track, at, trigger);
    }

    /// <summary>Keys lists the keys for which any component has an active alert.</summary>
    public IEnumerable<string> CandidateKeys() =>
        Spec.Components.SelectMany(Engine.ActiveKeys).Distinct(StringComparer.Ordinal);
}
