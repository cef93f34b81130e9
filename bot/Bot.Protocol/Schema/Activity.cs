using System.Text.Json;

namespace Bot.Protocol.Schema;

/// <summary>
/// A Bot Framework activity. Mirrors <c>Microsoft.Bot.Schema.Activity</c> for the fields this bot uses; every other
/// field Teams sends is kept in <see cref="ExtensibleModel.Properties"/> and written back unchanged.
/// </summary>
public sealed class Activity : ExtensibleModel
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ReplyToId { get; set; }
    public string? Text { get; set; }
    public string? TextFormat { get; set; }
    public string? Summary { get; set; }
    public string? Locale { get; set; }
    public string? AttachmentLayout { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public List<Entity>? Entities { get; set; }

    /// <summary>Inbound a <see cref="JsonElement"/>; outbound any serialisable object (e.g. <see cref="TeamsChannelData"/>).</summary>
    public object? ChannelData { get; set; }

    public string? Name { get; set; }

    /// <summary>Inbound a <see cref="JsonElement"/> (card submit data, invoke arguments); outbound any serialisable object.</summary>
    public object? Value { get; set; }

    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }

    public List<MessageReaction>? ReactionsAdded { get; set; }
    public List<MessageReaction>? ReactionsRemoved { get; set; }

    /// <summary>For <c>installationUpdate</c>: <c>add</c>, <c>remove</c>, <c>add-upgrade</c>, <c>remove-upgrade</c>.</summary>
    public string? Action { get; set; }

    public bool IsType(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    public T? GetChannelData<T>() => ProtocolJson.Convert<T>(ChannelData);

    public T? GetValue<T>() => ProtocolJson.Convert<T>(Value);

    public IEnumerable<Mention> GetMentions() =>
        (Entities ?? [])
            .Where(entity => entity is not null && string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase))
            .Select(entity => entity.GetAs<Mention>())
            .OfType<Mention>();

    /// <summary>
    /// Removes the bot's own <c>&lt;at&gt;…&lt;/at&gt;</c> tag from <see cref="Text"/> and trims it, as the SDK's
    /// <c>RemoveRecipientMention</c> does. Group chats may send the mention with a null <c>text</c>; it is rebuilt from the name.
    /// </summary>
    public string? RemoveRecipientMention()
    {
        if (Text is null || Recipient?.Id is null)
        {
            return Text;
        }

        foreach (var mention in GetMentions())
        {
            if (!string.Equals(mention.Mentioned?.Id, Recipient.Id, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var tag = string.IsNullOrEmpty(mention.Text) ? $"<at>{mention.Mentioned?.Name}</at>" : mention.Text;
            Text = Text.Replace(tag, string.Empty, StringComparison.OrdinalIgnoreCase);
        }

        Text = Text.Trim();
        return Text;
    }

    /// <summary>A reply addressed back to this activity's conversation, the way <c>Activity.CreateReply</c> builds it.</summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        From = Recipient is null ? null : new ChannelAccount(Recipient.Id!, Recipient.Name),
        Recipient = From is null ? null : new ChannelAccount(From.Id!, From.Name, From.AadObjectId),
        Conversation = Conversation is null
            ? null
            : new ConversationAccount
            {
                Id = Conversation.Id,
                Name = Conversation.Name,
                ConversationType = Conversation.ConversationType,
                IsGroup = Conversation.IsGroup,
                TenantId = Conversation.TenantId,
            },
        ReplyToId = Id,
        Locale = Locale,
    };

    /// <summary>What is needed to message this conversation again later (proactively).</summary>
    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = Id,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = Locale,
    };

    /// <summary>Addresses this (outbound) activity to the conversation in <paramref name="reference"/>.</summary>
    public Activity ApplyConversationReference(ConversationReference reference)
    {
        ChannelId = reference.ChannelId;
        ServiceUrl = reference.ServiceUrl;
        Conversation = reference.Conversation;
        From = reference.Bot;
        Recipient = reference.User;
        Locale ??= reference.Locale;
        return this;
    }

    public string? GetTenantId() =>
        GetChannelData<TeamsChannelData>()?.Tenant?.Id ?? Conversation?.TenantId;

    public static Activity Parse(string json) =>
        JsonSerializer.Deserialize<Activity>(json, ProtocolJson.Options)
        ?? throw new JsonException("The body is not an activity.");

    public string ToJson() => JsonSerializer.Serialize(this, ProtocolJson.Options);
}

/// <summary>A reaction on a message (<c>like</c>, <c>heart</c>, …).</summary>
public sealed class MessageReaction : ExtensibleModel
{
    public string? Type { get; set; }
}
