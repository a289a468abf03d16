using System.Text.Json;
using System.Text.Json.Serialization;
using RuleHost.Engine.Compilation;

namespace RuleHost.Host.Api;

/// <summary>ApiJson is the JSON shape of the HTTP API: camelCase names, enums as lower-case words, nulls kept.</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }

    /// <summary>Diagnostic is how the API shows a compiler diagnostic of a rule file or a template.</summary>
    public static object Diagnostic(RuleDiagnostic d) => new
    {
        file = d.File,
        line = d.Line,
        column = d.Column,
        id = d.Id,
        severity = d.IsError ? "error" : "warning",
        message = d.Message,
        text = d.ToString(),
    };
}
