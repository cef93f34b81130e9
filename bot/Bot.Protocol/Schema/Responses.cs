namespace Bot.Protocol.Schema;

/// <summary>What the connector answers to a send: the new activity's id (Teams sometimes sends none).</summary>
public sealed class ResourceResponse : ExtensibleModel
{
    public ResourceResponse()
    {
    }

    public ResourceResponse(string? id) => Id = id;

    public string? Id { get; set; }
}

/// <summary>The body of <c>POST v3/conversations</c>.</summary>
public sealed class ConversationParameters : ExtensibleModel
{
    public bool? IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public List<ChannelAccount>? Members { get; set; }
    public string? TopicName { get; set; }
    public string? TenantId { get; set; }
    public Activity? Activity { get; set; }
    public object? ChannelData { get; set; }
}

/// <summary>The answer to <c>POST v3/conversations</c>.</summary>
public sealed class ConversationResourceResponse : ExtensibleModel
{
    public string? Id { get; set; }
    public string? ActivityId { get; set; }
    public string? ServiceUrl { get; set; }
}

/// <summary>One page of <c>GET v3/conversations/{id}/pagedmembers</c>.</summary>
public sealed class PagedMembersResult : ExtensibleModel
{
    public List<ChannelAccount>? Members { get; set; }
    public string? ContinuationToken { get; set; }
}

/// <summary>The HTTP answer to an <c>invoke</c>: status and body.</summary>
public sealed class InvokeResponse
{
    public int Status { get; set; }
    public object? Body { get; set; }
}
