using RuleHost.Engine.Compilation;
using RuleHost.Rules;

namespace RuleHost.Engine.Rules;

/// <summary>RuleFileStatus is what users see of one rule file: its version, whether the last save compiled, and its rules.</summary>
/// <param name="Path">The path relative to the rules folder.</param>
/// <param name="Version">How many versions of the file have loaded; 0 when none has.</param>
/// <param name="Error">Whether the last attempt failed (the previous version, if any, keeps running).</param>
internal sealed record RuleFileStatus(string Path, int Version, bool Error, IReadOnlyList<RuleDiagnostic> Diagnostics, IReadOnlyList<RuleSpec> Rules);
