namespace RuleHost.Engine.Storage;

/// <summary>RetainedTable says how one table's rows age out: its key, its time column (unix ms) and which old rows may go.</summary>
/// <remarks>
/// Rows must be appended in time order (the time grows with the key, give or take a few seconds), so the rows older
/// than a cutoff are a prefix of the key order and finding its end reads only rows about to go: no index on the time
/// column. <see cref="Prunable"/> is SQL over a row of that prefix (it may use <c>$cutoff</c>); "1" takes them all.
/// </remarks>
internal sealed record RetainedTable(string Name, string Key, string Time, string Prunable = "1");
