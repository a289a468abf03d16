using RuleHost.Sandbox;

namespace RuleHost.Engine.Evaluation;

// RuleEngine.Commands are the changes people make through the API: acknowledge and resolve by hand.
internal sealed partial class RuleEngine
{
    /// <summary>Acknowledge acknowledges a firing alert; see <see cref="AlertCommandResult"/>.</summary>
    public AlertCommandResult Acknowledge(Alert alert, string by, string? comment) =>
        Command(alert, (r, t) => r.Acknowledge(t, by, comment));

    /// <summary>ResolveByHand resolves an active alert.</summary>
    public AlertCommandResult ResolveByHand(Alert alert, string by, string? comment) =>
        Command(alert, (r, t) => r.ResolveByHand(t, by, comment));

    /// <summary>Owner finds the rule and track behind an alert, by fingerprint: a rule and a posted alert may share a name.</summary>
    private (RuleEvaluator Rule, AlertTrack Track)? Owner(Alert alert)
    {
        if (_byName.TryGetValue(alert.Rule, out var rule) && rule.Find(alert.Key) is { } track && track.Fingerprint == alert.Fingerprint)
            return (rule, track);
        return _external?.Find(alert.Fingerprint) is { } posted ? (_external, posted) : null;
    }

    private AlertCommandResult Command(Alert alert, Func<RuleEvaluator, AlertTrack, bool> command)
    {
        if (Owner(alert) is not var (evaluator, track))
            return AlertCommandResult.NotFound;
        RuleGuard.Use(_budget);
        _budget.Reset();
        return command(evaluator, track) ? AlertCommandResult.Done : AlertCommandResult.WrongState;
    }
}
