namespace Bot.Teams;

/// <summary>
/// A Microsoft Teams team the bot is installed in: the boundary for roles, social channels, posts and policies.
/// Nobody acts on another team's data, whatever a card's data claims.
/// </summary>
public sealed class Team
{
    public const string DefaultTimeZoneId = "Europe/Berlin";

    /// <summary>The Teams team id (<c>channelData.team.id</c>, e.g. <c>19:…@thread.tacv2</c>).</summary>
    public required string TeamId { get; init; }

    public string? TenantId { get; set; }
    public string? Name { get; set; }

    /// <summary>IANA id; reminders, digests and planned times are shown in this zone.</summary>
    public string TimeZoneId { get; set; } = DefaultTimeZoneId;

    /// <summary><c>de</c> or <c>en</c>: used when an activity carries no locale.</summary>
    public string? Language { get; set; }

    /// <summary>The Teams channel where approval cards and team notes go (the one chosen at install, else General).</summary>
    public string? HomeTeamsChannelId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>What someone may do in a team. One role per person and team; a coordinator may do everything.</summary>
public enum TeamRole
{
    Viewer = 0,
    Reviewer = 1,
    Editor = 2,
    Coordinator = 3,
}

public sealed class TeamMembership
{
    public required string TeamId { get; init; }

    /// <summary>The person's AAD object id, the lasting key (a <c>29:</c> id exists only for this bot).</summary>
    public required string AadObjectId { get; init; }

    public TeamRole Role { get; set; }
    public DateTimeOffset Since { get; set; }
}

public static class TeamPermissions
{
    public static bool CanWritePosts(this TeamRole role) => role is TeamRole.Editor or TeamRole.Coordinator;

    /// <summary>Community managers review each other's posts; legal or PR reviewers only review.</summary>
    public static bool CanReview(this TeamRole role) => role is TeamRole.Reviewer or TeamRole.Editor or TeamRole.Coordinator;

    /// <summary>Roles, social channels, assignments and policies.</summary>
    public static bool CanManageTeam(this TeamRole role) => role is TeamRole.Coordinator;
}
