using System.Text.Json;

namespace RuleHost.Engine.Ingest;

/// <summary>JsonTypeName names a token's JSON type the way a sender thinks of it, for error messages.</summary>
internal static class JsonTypeName
{
    public static string Of(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
