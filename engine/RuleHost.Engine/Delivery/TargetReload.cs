namespace RuleHost.Engine.Delivery;

/// <summary>TargetReload is what re-reading the targets did: the targets added, updated and removed, or the problems that kept the previous set.</summary>
internal sealed record TargetReload(IReadOnlyList<string> Problems, IReadOnlyList<string> Added, IReadOnlyList<string> Updated, IReadOnlyList<string> Removed)
{
    public bool Rejected => Problems.Count > 0;

    public bool AnyChange => Added.Count + Updated.Count + Removed.Count > 0;

    public static TargetReload Rejecting(IReadOnlyList<string> problems) => new(problems, [], [], []);

    /// <summary>Between lists what changes from <paramref name="before"/> to <paramref name="after"/>; a target kept as it was is the same instance in both.</summary>
    public static TargetReload Between(IReadOnlyDictionary<string, Target> before, IReadOnlyDictionary<string, Target> after) => new(
        [],
        [.. after.Keys.Where(n => !before.ContainsKey(n)).Order(StringComparer.Ordinal)],
        [.. after.Where(t => before.TryGetValue(t.Key, out var old) && !ReferenceEquals(old, t.Value)).Select(t => t.Key).Order(StringComparer.Ordinal)],
        [.. before.Keys.Where(n => !after.ContainsKey(n)).Order(StringComparer.Ordinal)]);
}
