namespace RuleHost.Engine.Evaluation;

/// <summary>EvaluationAbandonedException unwinds a thread the watchdog gave up on, once it comes back to the engine.</summary>
internal sealed class EvaluationAbandonedException() : Exception("the watchdog abandoned this evaluation thread; another one took over");
