using Microsoft.CodeAnalysis;

namespace RuleHost.Engine.Compilation;

/// <summary>RuleDiagnostic is one compiler or rule-language message about a rule file, printed the way compilers print.</summary>
internal sealed record RuleDiagnostic(string File, int Line, int Column, string Id, bool IsError, string Message)
{
    public override string ToString() => $"{File}({Line},{Column}): {(IsError ? "error" : "warning")} {Id}: {Message}";

    public static RuleDiagnostic Error(string file, int line, string id, string message) =>
        new(DisplayPath.Of(file), line, 1, id, IsError: true, message);

    public static RuleDiagnostic From(Diagnostic diagnostic, string fallbackFile)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var file = span.IsValid && !string.IsNullOrEmpty(span.Path) ? span.Path : fallbackFile;
        return new RuleDiagnostic(
            DisplayPath.Of(file),
            span.StartLinePosition.Line + 1,
            span.StartLinePosition.Character + 1,
            diagnostic.Id,
            diagnostic.Severity == DiagnosticSeverity.Error,
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
