using RuleHost.Engine.Storage;

namespace RuleHost.Engine.Delivery;

/// <summary>AuditRetention is what of <c>data/outbox.db</c> ages out after <c>RuleHost:Delivery:AuditRetention</c>: audit lines and dead letters.</summary>
internal static class AuditRetention
{
    /// <summary>Attempts: every line of the audit trail older than the retention, by its attempt time.</summary>
    public static readonly RetainedTable Attempts = new("delivery_attempts", "seq", "at");

    /// <summary>DeadLetters: dead-lettered outbox rows once they have been dead for the retention; pending rows never go.</summary>
    /// <remarks>
    /// A dead row's <c>next_attempt</c> holds when it was dead-lettered (as its audit line's <c>at</c> does), so it stays as
    /// long as that line. A row dies after it is created, so the old dead rows lie among the rows created before the
    /// cutoff: that is the prefix, found by <c>created</c>, which grows with <c>seq</c>.
    /// </remarks>
    public static readonly RetainedTable DeadLetters = new("outbox", "seq", "created", "state = 'dead' AND next_attempt < $cutoff");
}
