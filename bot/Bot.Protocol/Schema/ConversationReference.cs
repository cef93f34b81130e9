namespace Bot.Protocol.Schema;

/// <summary>Enough of a conversation to post into it later, as in <c>Microsoft.Bot.Schema.ConversationReference</c>.</summary>
public sealed class ConversationReference : ExtensibleModel
{
    public string? ActivityId { get; set; }
    public ChannelAccount? User { get; set; }
    public ChannelAccount? Bot { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ChannelId { get; set; }
    public string? ServiceUrl { get; set; }
    public string? Locale { get; set; }
}
