namespace RuleHost.Testing;

/// <summary>RuleLoadException says a rules folder did not compile; its message lists the diagnostics compiler-style.</summary>
public sealed class RuleLoadException(string message) : Exception(message);
