using Bot.Staffing;

namespace Bot.Digest;

/// <summary>
/// What one morning's digest says, as figures: composed by <see cref="DigestComposer"/>, rendered by
/// <see cref="Cards.DigestCard"/>. Nothing here is text, so the same digest renders in German and English.
/// </summary>
public sealed record EngagementDigest(
    string TeamId,
    string TimeZoneId,
    DateOnly Today,
    DateOnly PeriodFirstDay,
    DateOnly PeriodLastDay,
    bool HasMetrics,
    IReadOnlyList<DigestSection> Sections,
    FigureSet Total,
    IReadOnlyList<SocialChannelFigures> SocialChannels,
    PostPerformance? TopPost,
    PostPerformance? WeakestPost,
    IReadOnlyList<CadenceProgress> BehindCadence,
    IReadOnlyList<WaitingPost> WaitingForReview,
    IReadOnlyList<GoingOut> GoingOutToday,
    WeekAhead? WeekAhead,
    IReadOnlyList<CadenceProgress> LastWeekGoals,
    IReadOnlyList<ChartSeries> Chart)
{
    /// <summary>The Monday edition adds the week ahead and last week's goal progress.</summary>
    public bool IsMondayEdition => Today.DayOfWeek == DayOfWeek.Monday;

    public bool Shows(DigestSection section) => Sections.Contains(section);
}

/// <summary>
/// Totals of a period and their change against the seven days before it, as a per-day average (so a Monday digest
/// covering Friday to Sunday compares like with like). Null where there was nothing to count.
/// </summary>
public sealed record FigureSet(
    int PostsPublished,
    long? Impressions,
    long? Engagements,
    double? EngagementRate,
    double? ImpressionsChange,
    double? EngagementsChange,
    double? EngagementRateChangePoints)
{
    public bool HasData => Impressions is not null || Engagements is not null;
}

public sealed record SocialChannelFigures(int SocialChannelId, string Name, Platform Platform, FigureSet Figures);

/// <summary>A published post with its latest (cumulative) figures, found through its live URL.</summary>
public sealed record PostPerformance(Guid PostId, string WorkingTitle, string SocialChannelName, string LiveUrl, long Impressions, long Engagements, double EngagementRate);

/// <summary>Posts published and still planned in a week against the social channel's goal; <see cref="Owner"/> is mentioned.</summary>
public sealed record CadenceProgress(
    int SocialChannelId,
    string Name,
    int Goal,
    int Published,
    int StillPlanned,
    DigestPerson? Owner,
    double? EngagementRate = null,
    decimal? EngagementRateTarget = null)
{
    public bool IsBehind => Published + StillPlanned < Goal;
}

/// <summary>Someone the card names; with a Teams user id the card @mentions them.</summary>
public sealed record DigestPerson(string AadObjectId, string Name, string? TeamsUserId);

/// <summary>A post in review: who waits (the author) on whom (the reviewers who may decide now), and since when.</summary>
public sealed record WaitingPost(Guid PostId, string WorkingTitle, DigestPerson Author, IReadOnlyList<DigestPerson> WaitingOn, DateTimeOffset Since, bool IsOverdue);

/// <summary>A post planned for today, at its local time; <see cref="IsApproved"/> false means it cannot go out yet.</summary>
public sealed record GoingOut(Guid PostId, string WorkingTitle, TimeOnly LocalTime, IReadOnlyList<string> SocialChannelNames, bool IsApproved);

/// <summary>The planned posts of the coming seven days, per day and social channel; a working day without any is a gap.</summary>
public sealed record WeekAhead(IReadOnlyList<WeekAheadDay> Days);

public sealed record WeekAheadDay(DateOnly Day, bool IsWorkingDay, IReadOnlyList<(string SocialChannelName, int Posts)> Planned)
{
    public bool IsGap => IsWorkingDay && Planned.Count == 0;
}

/// <summary>One line of the 14-day chart: engagements per day; a day without figures is <c>null</c>, not zero.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<(DateOnly Day, long? Engagements)> Points);
