using System.Text.Json.Serialization;
using RuleHost.Engine.Evaluation;

namespace RuleHost.Engine.Storage;

/// <summary>StateJson is the source-generated JSON of what the state store saves as text: alerts and tracks.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Alert))]
[JsonSerializable(typeof(TrackState))]
internal sealed partial class StateJson : JsonSerializerContext;
