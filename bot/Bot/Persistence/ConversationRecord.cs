using Bot.Protocol.Schema;

namespace Bot.Persistence;

/// <summary>
/// A conversation the bot has been part of (personal chat, group chat or Teams channel), kept so that later features
/// can post into it without being spoken to first. Refreshed from every authenticated activity, because Teams may
/// move a conversation to another <c>serviceUrl</c>.
/// </summary>
public sealed class ConversationRecord
{
    /// <summary>The conversation id without a reply thread's <c>;messageid=…</c> suffix.</summary>
    public required string ConversationId { get; set; }

    public required string ChannelId { get; set; }
    public required string ServiceUrl { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public string? TeamId { get; set; }
    public string? TeamName { get; set; }
    public string? TeamsChannelId { get; set; }
    public string? BotId { get; set; }
    public string? BotName { get; set; }

    /// <summary>In a personal chat: the user's <c>29:</c> id, which only this bot knows.</summary>
    public string? UserId { get; set; }

    public string? UserAadObjectId { get; set; }
    public string? Locale { get; set; }
    public bool IsInstalled { get; set; } = true;
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? WelcomedAt { get; set; }

    public ConversationReference ToReference() => new()
    {
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = Locale,
        Bot = BotId is null ? null : new ChannelAccount(BotId, BotName),
        User = UserId is null ? null : new ChannelAccount(UserId, aadObjectId: UserAadObjectId),
        Conversation = new ConversationAccount
        {
            Id = ConversationId,
            ConversationType = ConversationType,
            TenantId = TenantId,
            IsGroup = ConversationType is null or Protocol.Schema.ConversationTypes.Personal ? null : true,
        },
    };
}

/// <summary>Someone the bot has seen. The AAD object id is the lasting key; the <c>29:</c> id exists only for this bot.</summary>
public sealed class Person
{
    public required string AadObjectId { get; set; }
    public string? TenantId { get; set; }
    public string? Name { get; set; }
    public string? TeamsUserId { get; set; }
    public string? Locale { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}
