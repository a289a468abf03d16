using RuleHost.Rules;

namespace RuleHost.Engine.Evaluation;

/// <summary>ThresholdEvaluator runs a <c>Rule</c>: When on each matched event, held For a time.</summary>
internal sealed class ThresholdEvaluator(RuleSpec spec, RuleEngine engine) : ConditionEvaluator(spec, engine)
{
    private readonly Func<Event, bool> _when = spec.When!;

    public override void Evaluate(Event e)
    {
        var track = Track(KeyOf(e));
        var condition = _when(e);
        if (condition || track.IsActive)
            track.Value = e.Value;
        Observe(track, e, condition);
    }
}
