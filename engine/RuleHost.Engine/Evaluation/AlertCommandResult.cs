namespace RuleHost.Engine.Evaluation;

/// <summary>AlertCommandResult is how an acknowledge or resolve from the API went.</summary>
internal enum AlertCommandResult
{
    Done,

    /// <summary>NotFound: no alert with that identity exists (any more).</summary>
    NotFound,

    /// <summary>WrongState: the alert is not in a state the command applies to (acknowledging a pending alert).</summary>
    WrongState,
}
