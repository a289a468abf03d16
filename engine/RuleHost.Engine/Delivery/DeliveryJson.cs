using System.Text.Json;
using System.Text.Json.Serialization;

namespace RuleHost.Engine.Delivery;

/// <summary>DeliveryJson is how alerts are stored in the outbox and how the fallback body is written: camelCase, enums as words.</summary>
internal static class DeliveryJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
