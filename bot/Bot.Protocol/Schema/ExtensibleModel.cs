using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Protocol.Schema;

/// <summary>
/// Base for every wire type: Teams adds fields without notice, and whatever we do not model must survive a
/// read-modify-write round trip unchanged.
/// </summary>
public abstract class ExtensibleModel
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
