namespace RuleHost.Engine.Sandbox;

/// <summary>SandboxOptions widen the API allowlist (section <c>RuleHost:Sandbox</c>): framework types and namespaces rule code may use on top of the defaults.</summary>
/// <remarks>Only additions: what the default allowlist refuses on purpose (files, network, reflection, threads) should stay refused; see docs/sandbox.md.</remarks>
internal sealed class SandboxOptions
{
    /// <summary>AllowTypes are metadata names such as <c>System.Text.Encoding</c> or <c>System.Collections.Immutable.ImmutableArray`1</c>.</summary>
    public List<string> AllowTypes { get; set; } = [];

    /// <summary>AllowNamespaces allow every type of a namespace, such as <c>System.Numerics</c>.</summary>
    public List<string> AllowNamespaces { get; set; } = [];

    /// <summary>Policy is the API policy these options make (the shared default when nothing is added).</summary>
    public ApiPolicy Policy() =>
        AllowTypes.Count == 0 && AllowNamespaces.Count == 0
            ? new ApiPolicy(ApiAllowlist.Default)
            : new ApiPolicy(new ApiAllowlist(AllowTypes.Select(t => t.Trim()), AllowNamespaces.Select(n => n.Trim())));

    public IEnumerable<string> Validate()
    {
        foreach (var (name, i) in AllowTypes.Select((n, i) => (n, i)).Where(x => string.IsNullOrWhiteSpace(x.n)))
            yield return $"Sandbox:AllowTypes:{i} is empty";
        foreach (var (name, i) in AllowNamespaces.Select((n, i) => (n, i)).Where(x => string.IsNullOrWhiteSpace(x.n)))
            yield return $"Sandbox:AllowNamespaces:{i} is empty";
    }
}
