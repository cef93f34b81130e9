using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Bot.Protocol.Schema;

/// <summary>The one JSON setting for the wire: camelCase, nulls left out, enumerations as strings.</summary>
public static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

            // The wire types come from the generated context; what the product puts into a loosely typed member
            // (card data, channelData, an invoke's body) may be any type of its own, so reflection stays behind it.
            TypeInfoResolver = JsonTypeInfoResolver.Combine(ProtocolJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// Reads a loosely typed payload (<c>value</c>, <c>channelData</c>, attachment content) as <typeparamref name="T"/>.
    /// A payload of the wrong shape (a number where Teams sends an id string) reads as absent: it is the sender's
    /// input, and the caller already handles a missing one with a friendly answer, never a 500.
    /// </summary>
    public static T? Convert<T>(object? payload)
    {
        try
        {
            return payload switch
            {
                null => default,
                T typed => typed,
                JsonElement { ValueKind: JsonValueKind.Object or JsonValueKind.Array } element => element.Deserialize<T>(Options),
                JsonElement => default,
                _ => JsonSerializer.SerializeToElement(payload, Options).Deserialize<T>(Options),
            };
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
