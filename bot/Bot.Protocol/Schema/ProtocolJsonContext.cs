using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Protocol.AdaptiveCards;

namespace Bot.Protocol.Schema;

/// <summary>
/// Serialisers generated at build time for every wire type, so no activity, card or invoke answer is serialised by
/// reflection, and the first turn after a start pays no metadata warm-up. Same settings as <see cref="ProtocolJson.Options"/>.
/// </summary>
// Metadata only: the generated fast path would write a loosely typed member (an attachment's content, card data) with
// this context's own options, which know no product type, and fail on it; through the metadata the combined resolver
// in ProtocolJson.Options still reaches reflection for those.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(PagedMembersResult))]
[JsonSerializable(typeof(TeamsChannelData))]
[JsonSerializable(typeof(Entity))]
[JsonSerializable(typeof(Mention))]
[JsonSerializable(typeof(AdaptiveCardInvokeValue))]
[JsonSerializable(typeof(AdaptiveCardInvokeResponse))]
[JsonSerializable(typeof(InvokeError))]
[JsonSerializable(typeof(InvokeResponse))]
[JsonSerializable(typeof(AdaptiveCard))]
[JsonSerializable(typeof(AdaptiveElement))]
[JsonSerializable(typeof(AdaptiveAction))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(DateTimeOffset))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
