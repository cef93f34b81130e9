namespace Bot.Protocol.Schema;

/// <summary>The Teams part of <c>channelData</c>: tenant, team, Teams channel, event type, settings, notification.</summary>
public sealed class TeamsChannelData : ExtensibleModel
{
    public TenantInfo? Tenant { get; set; }
    public TeamInfo? Team { get; set; }
    public TeamsChannelInfo? Channel { get; set; }
    public string? EventType { get; set; }
    public TeamsChannelDataSettings? Settings { get; set; }
    public NotificationInfo? Notification { get; set; }
}

public sealed class TenantInfo : ExtensibleModel
{
    public string? Id { get; set; }
}

public sealed class TeamInfo : ExtensibleModel
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadGroupId { get; set; }
}

/// <summary>A channel inside a team (a chat room, not a platform account).</summary>
public sealed class TeamsChannelInfo : ExtensibleModel
{
    public string? Id { get; set; }
    public string? Name { get; set; }
}

public sealed class TeamsChannelDataSettings : ExtensibleModel
{
    public TeamsChannelInfo? SelectedChannel { get; set; }
}

public sealed class NotificationInfo : ExtensibleModel
{
    public bool? Alert { get; set; }
}
