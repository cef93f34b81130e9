using Bot.Posts;
using Bot.Teams;

namespace Bot.Calendar.Tab;

// The tab API's answers, as docs/calendar-contract (issue 19) names them; camelCase by the web defaults.

public sealed record TabTeamJson(string Id, string Name, string TimeZone, string Role);

public sealed record TabPersonJson(string Id, string Name);

public sealed record TabWeekJson(DateOnly WeekStart, int Planned, int? Goal);

public sealed record TabLaneJson(
    string TeamId,
    int SocialChannelId,
    string Name,
    string Platform,
    int? GoalPerWeek,
    IReadOnlyList<TabWeekJson> Weeks,
    IReadOnlyList<DateOnly> GapDays);

public sealed record TabPostJson(
    Guid Id,
    string TeamId,
    string Title,
    IReadOnlyList<int> SocialChannelIds,
    IReadOnlyList<string> Platforms,
    DateTimeOffset PlannedAt,
    DateOnly LocalDate,
    string LocalTime,
    TabPersonJson Author,
    string State,
    bool CanMove);

public sealed record TabCalendarJson(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<TabTeamJson> Teams,
    IReadOnlyList<TabLaneJson> Lanes,
    IReadOnlyList<TabPostJson> Posts);

public sealed record TabVariantJson(int SocialChannelId, string Name, string Platform, string Text);

public sealed record TabReviewerJson(string Id, string Name, string Level);

public sealed record TabDecisionJson(string By, string Decision, string? Comment, DateTimeOffset At);

public sealed record TabCommentJson(string By, string Text, DateTimeOffset At);

public sealed record TabChecklistItemJson(string Text, bool Done);

public sealed record TabPostDetailsJson(
    Guid Id,
    string TeamId,
    string Title,
    string State,
    DateTimeOffset? PlannedAt,
    DateOnly? LocalDate,
    string? LocalTime,
    TabPersonJson Author,
    IReadOnlyList<string> Tags,
    IReadOnlyList<TabVariantJson> Variants,
    IReadOnlyList<TabReviewerJson> Reviewers,
    IReadOnlyList<TabDecisionJson> Decisions,
    IReadOnlyList<TabCommentJson> Comments,
    IReadOnlyList<TabChecklistItemJson> Checklist,
    string? ApprovalCardUrl,
    bool CanMove);

public sealed record TabMoveRequest(string? Date, string? Time);

public sealed record TabDevTokenRequest(string? Id);

public sealed record TabMessageJson(string Message);

/// <summary>A team the caller belongs to, their role there, and the id the bot stores them under (its case may differ from the token's).</summary>
public sealed record TabTeamAccess(Team Team, TeamRole Role, string AadObjectId)
{
    public Actor Actor => new(AadObjectId, Team.TeamId, Role);

    public TabTeamJson ToJson() => new(Team.TeamId, Team.Name ?? Team.TeamId, Team.TimeZoneId, TabStates.Role(Role));
}

internal static class TabStates
{
    public static string Role(TeamRole role) => role switch
    {
        TeamRole.Coordinator => "coordinator",
        TeamRole.Editor => "editor",
        TeamRole.Reviewer => "reviewer",
        _ => "viewer",
    };

    /// <summary>The post's state as the calendar shows it: <c>missed</c> once its time passed and it is not done.</summary>
    public static string Of(PostStatus status, DateTimeOffset? plannedAt, DateTimeOffset now) =>
        !status.IsFinal() && plannedAt is { } at && at <= now ? "missed" : status switch
        {
            PostStatus.Draft => "draft",
            PostStatus.InReview => "inReview",
            PostStatus.ChangesRequested => "changesRequested",
            PostStatus.Approved => "approved",
            PostStatus.Scheduled => "scheduled",
            PostStatus.Published => "published",
            PostStatus.Rejected => "rejected",
            _ => "withdrawn",
        };

    public static string Decision(ReviewVerdict verdict) => verdict switch
    {
        ReviewVerdict.Approved => "approved",
        ReviewVerdict.ChangesRequested => "changesRequested",
        _ => "rejected",
    };
}
