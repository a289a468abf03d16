namespace RuleHost.Engine.Storage;

/// <summary>HistoryRetention is what of <c>alert_history</c> and <c>alerts</c> ages out after <c>RuleHost:HistoryRetention</c>.</summary>
internal static class HistoryRetention
{
    /// <summary>Table: changes older than the retention, except every change of an alert still active (pending, firing or acknowledged).</summary>
    /// <remarks>
    /// An active alert keeps its whole history, so <c>GET /api/v1/alerts/{fingerprint}</c> still says when it started
    /// firing and who acknowledged it however long ago that was; it ages out once the alert resolves.
    /// </remarks>
    public static readonly RetainedTable Table = new(
        "alert_history",
        "id",
        "at",
        "NOT EXISTS (SELECT 1 FROM alerts WHERE alerts.fingerprint = alert_history.fingerprint AND alerts.ends_at IS NULL)");

    /// <summary>Alerts: the last snapshot of an alert that resolved longer ago than the retention; an active alert's row is never pruned.</summary>
    /// <remarks>
    /// A row is rewritten (<c>INSERT OR REPLACE</c>, a new rowid) at every change, so rowid order is the order of the last
    /// change, and a resolved alert's last change is its resolve: the old resolved rows are a prefix of the rowids.
    /// Without this, every alert that ever resolved kept its row for good.
    /// </remarks>
    public static readonly RetainedTable Alerts = new("alerts", "rowid", "ends_at", "ends_at IS NOT NULL");
}
