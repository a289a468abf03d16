using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Hosting;

namespace RuleHost.Host.Api;

/// <summary>HealthEndpoints answer whether the host is up, with the queue depth and rule count.</summary>
internal static class HealthEndpoints
{
    public static IResult Get(RuleEngine engine, EventQueue queue, EvaluationLoop loop) => Results.Ok(new
    {
        status = "ok",
        rules = engine.Rules.Rules.Count,
        ruleSet = engine.Rules.Generation,
        queued = queue.Depth,
        received = queue.Enqueued,
        evaluated = loop.Evaluated,
    });
}
