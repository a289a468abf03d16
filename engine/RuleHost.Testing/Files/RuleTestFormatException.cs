namespace RuleHost.Testing.Files;

/// <summary>RuleTestFormatException is a rule test file that cannot be read, with the field at fault.</summary>
internal sealed class RuleTestFormatException(string message) : Exception(message);
