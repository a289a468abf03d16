using System.Text.Json.Serialization;

namespace RuleHost.Engine.Alertmanager;

/// <summary>AlertmanagerJson is the source-generated (reflection-free) JSON contract of the Alertmanager-compatible API.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<PostableAlert>))]
[JsonSerializable(typeof(List<GettableAlert>))]
internal sealed partial class AlertmanagerJson : JsonSerializerContext;
