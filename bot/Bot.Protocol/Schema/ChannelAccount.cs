namespace Bot.Protocol.Schema;

/// <summary>A participant: a user (<c>29:…</c> in Teams) or the bot (<c>28:&lt;appId&gt;</c>).</summary>
public sealed class ChannelAccount : ExtensibleModel
{
    public ChannelAccount()
    {
    }

    public ChannelAccount(string id, string? name = null, string? aadObjectId = null)
    {
        Id = id;
        Name = name;
        AadObjectId = aadObjectId;
    }

    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }
}

/// <summary>The conversation an activity belongs to.</summary>
public sealed class ConversationAccount : ExtensibleModel
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? ConversationType { get; set; }
    public bool? IsGroup { get; set; }
    public string? TenantId { get; set; }
}
