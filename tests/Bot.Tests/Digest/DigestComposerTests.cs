using Bot.Digest;
using Bot.Staffing;

namespace Bot.Tests.Digest;

/// <summary>
/// The digest's figures for a fixed data set: Wednesday 9 December 2026, 09:00 in Berlin, so "yesterday" is Tuesday
/// the 8th and the baseline the seven days before it.
/// </summary>
public sealed class DigestComposerTests : IDisposable
{
    // Wednesday 9 December 2026, 09:00 in Berlin (CET, UTC+1).
    private static readonly DateTimeOffset Now = new(2026, 12, 9, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Yesterday = new(2026, 12, 8);

    private readonly DigestTestData _data = new(Now);
    private readonly int _instagram;
    private readonly int _linkedIn;
    private readonly int _x;
    private readonly int _facebook;

    public DigestComposerTests()
    {
        _instagram = _data.SocialChannel(Platform.Instagram, "@contoso_de", DigestTestData.Reviewer.AadObjectId, goal: 2);
        _linkedIn = _data.SocialChannel(Platform.LinkedIn, "contoso-gmbh", DigestTestData.Author.AadObjectId, goal: 2);
        _x = _data.SocialChannel(Platform.X, "@contoso");
        _facebook = _data.SocialChannel(Platform.Facebook, "Contoso");

        // Instagram: a steady week (1,000 impressions, 50 engagements, 5 %), then a better Tuesday.
        for (var day = Yesterday.AddDays(-7); day < Yesterday; day = day.AddDays(1))
        {
            _data.Day(_instagram, day, impressions: 1000, reactions: 40, comments: 5, shares: 3, clicks: 2);
        }

        _data.Day(_instagram, Yesterday, impressions: 1500, reactions: 60, comments: 10, shares: 5, clicks: 15);

        // Facebook: reactions but no impressions reported yesterday; no history.
        _data.Day(_facebook, Yesterday, impressions: 0, reactions: 3);

        // LinkedIn: three days of history, nothing yesterday. X: never any figures.
        for (var day = Yesterday.AddDays(-3); day < Yesterday; day = day.AddDays(1))
        {
            _data.Day(_linkedIn, day, impressions: 200, reactions: 10);
        }
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Yesterdays_totals_are_compared_with_the_average_day_of_the_week_before()
    {
        var digest = await _data.ComposeAsync();

        Assert.Equal((Yesterday, Yesterday), (digest.PeriodFirstDay, digest.PeriodLastDay));
        var instagram = Figures(digest, _instagram);
        Assert.Equal(1500, instagram.Impressions);
        Assert.Equal(90, instagram.Engagements);
        Assert.Equal(0.06, instagram.EngagementRate!.Value, 6);
        Assert.Equal(0.5, instagram.ImpressionsChange!.Value, 6);
        Assert.Equal(0.8, instagram.EngagementsChange!.Value, 6);
        Assert.Equal(0.01, instagram.EngagementRateChangePoints!.Value, 6);

        // Team total: 1,500 impressions and 93 engagements against 7,600 and 380 over seven days.
        Assert.Equal(1500, digest.Total.Impressions);
        Assert.Equal(93, digest.Total.Engagements);
        Assert.Equal(93.0 / 1500, digest.Total.EngagementRate!.Value, 6);
        Assert.Equal((1500 - 7600 / 7.0) / (7600 / 7.0), digest.Total.ImpressionsChange!.Value, 6);
        Assert.Equal((93 - 380 / 7.0) / (380 / 7.0), digest.Total.EngagementsChange!.Value, 6);
        Assert.Equal(93.0 / 1500 - 0.05, digest.Total.EngagementRateChangePoints!.Value, 6);
    }

    [Fact]
    public async Task A_day_with_zero_impressions_has_no_rate_and_a_channel_without_figures_says_so()
    {
        var digest = await _data.ComposeAsync();

        var facebook = Figures(digest, _facebook);
        Assert.Equal(0, facebook.Impressions);
        Assert.Equal(3, facebook.Engagements);
        Assert.Null(facebook.EngagementRate);
        Assert.Null(facebook.ImpressionsChange);

        Assert.False(Figures(digest, _x).HasData);
        Assert.False(Figures(digest, _linkedIn).HasData);
        Assert.Null(Figures(digest, _linkedIn).EngagementRate);
        Assert.True(digest.HasMetrics);
    }

    [Fact]
    public async Task Top_and_weakest_post_come_from_the_latest_post_figures_matched_by_live_url()
    {
        _data.Published("Adventsgewinnspiel", _instagram, Platform.Instagram, "https://www.instagram.com/p/abc/", Yesterday.ToDateTime(new TimeOnly(9, 0)).ToUtc());
        _data.Published("Produkttest", _instagram, Platform.Instagram, "https://instagram.com/p/def", Yesterday.ToDateTime(new TimeOnly(15, 0)).ToUtc());
        _data.PostFigures("https://instagram.com/p/abc?utm_source=x", Yesterday, impressions: 500, reactions: 5);
        _data.PostFigures("http://instagram.com/p/abc", Yesterday.AddDays(1), impressions: 800, reactions: 80);
        _data.PostFigures("https://www.instagram.com/p/def/", Yesterday.AddDays(1), impressions: 1000, reactions: 20);

        var digest = await _data.ComposeAsync();

        Assert.Equal(2, Figures(digest, _instagram).PostsPublished);
        Assert.Equal("Adventsgewinnspiel", digest.TopPost!.WorkingTitle);
        Assert.Equal(0.10, digest.TopPost.EngagementRate, 6);
        Assert.Equal("https://www.instagram.com/p/abc/", digest.TopPost.LiveUrl);
        Assert.Equal("Produkttest", digest.WeakestPost!.WorkingTitle);
        Assert.Equal(0.02, digest.WeakestPost.EngagementRate, 6);
    }

    [Fact]
    public async Task Social_channels_behind_their_goal_this_week_count_published_and_planned_posts_and_name_the_owner()
    {
        // Instagram: two this week against a goal of two. LinkedIn: none published, one planned today, goal two.
        _data.Published("Adventsgewinnspiel", _instagram, Platform.Instagram, "https://instagram.com/p/abc", Yesterday.ToDateTime(new TimeOnly(9, 0)).ToUtc());
        _data.Published("Montagspost", _instagram, Platform.Instagram, "https://instagram.com/p/mon", new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        _data.Published("Letzte Woche", _linkedIn, Platform.LinkedIn, "https://linkedin.com/p/old", new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero));
        _data.Approved("Stellenanzeige", _linkedIn, Platform.LinkedIn, new DateTimeOffset(2026, 12, 9, 13, 30, 0, TimeSpan.Zero));

        var digest = await _data.ComposeAsync();

        var behind = Assert.Single(digest.BehindCadence);
        Assert.Equal(_linkedIn, behind.SocialChannelId);
        Assert.Equal((0, 1, 2), (behind.Published, behind.StillPlanned, behind.Goal));
        Assert.Equal("Ben Wagner", behind.Owner!.Name);
        Assert.Equal("29:ben", behind.Owner.TeamsUserId);
    }

    [Fact]
    public async Task Posts_waiting_for_review_come_oldest_first_with_the_overdue_ones_flagged()
    {
        // Four working hours of SLA: Monday's post is overdue, this morning's (08:30 Berlin) is not yet.
        _data.InReview("Heute früh", _instagram, Platform.Instagram, new DateTimeOffset(2026, 12, 9, 7, 30, 0, TimeSpan.Zero));
        _data.InReview("Seit Montag", _linkedIn, Platform.LinkedIn, new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

        var digest = await _data.ComposeAsync();

        Assert.Equal(["Seit Montag", "Heute früh"], digest.WaitingForReview.Select(w => w.WorkingTitle));
        Assert.Equal([true, false], digest.WaitingForReview.Select(w => w.IsOverdue));
        Assert.All(digest.WaitingForReview, w => Assert.Equal("Ben Wagner", w.Author.Name));
        Assert.All(digest.WaitingForReview, w => Assert.Equal(["Anna Schmidt"], w.WaitingOn.Select(p => p.Name)));
    }

    [Fact]
    public async Task What_goes_out_today_is_listed_at_its_local_time()
    {
        _data.Approved("Stellenanzeige", _linkedIn, Platform.LinkedIn, new DateTimeOffset(2026, 12, 9, 13, 30, 0, TimeSpan.Zero));
        _data.Approved("Morgen", _linkedIn, Platform.LinkedIn, new DateTimeOffset(2026, 12, 10, 13, 30, 0, TimeSpan.Zero));

        var digest = await _data.ComposeAsync();

        var today = Assert.Single(digest.GoingOutToday);
        Assert.Equal(new TimeOnly(14, 30), today.LocalTime);
        Assert.Equal(["LinkedIn contoso-gmbh"], today.SocialChannelNames);
        Assert.True(today.IsApproved);
    }

    [Fact]
    public async Task Sections_follow_the_fixed_order_without_the_switched_off_ones_and_the_week_ahead_only_on_monday()
    {
        var digest = await _data.ComposeAsync(new TeamDigestSettings { TeamId = DigestTestData.TeamId, SwitchedOffSections = [DigestSection.TopAndWeakestPost] });

        Assert.Equal(
            [DigestSection.Yesterday, DigestSection.BehindCadence, DigestSection.WaitingForReview, DigestSection.GoingOutToday, DigestSection.Chart],
            digest.Sections);
        Assert.False(digest.IsMondayEdition);
        Assert.Null(digest.WeekAhead);
        Assert.Empty(digest.LastWeekGoals);
    }

    [Fact]
    public async Task The_chart_has_fourteen_days_per_social_channel_with_figures_and_gaps_left_empty()
    {
        var digest = await _data.ComposeAsync();

        Assert.Equal(["Instagram @contoso_de", "LinkedIn contoso-gmbh", "Facebook Contoso"], digest.Chart.Select(s => s.Name));
        Assert.All(digest.Chart, s => Assert.Equal(14, s.Points.Count));
        var instagram = digest.Chart[0];
        Assert.Equal(Yesterday, instagram.Points[^1].Day);
        Assert.Equal(90, instagram.Points[^1].Engagements);
        Assert.Null(instagram.Points[0].Engagements);
    }

    [Fact]
    public void The_period_is_yesterday_or_everything_since_the_last_working_day()
    {
        var calendar = Bot.Reminders.ReminderSettings.Default.Calendar(DigestTestData.Zone);

        Assert.Equal((new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 8)), DigestComposer.Period(new DateOnly(2026, 12, 9), calendar));
        Assert.Equal((new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 6)), DigestComposer.Period(new DateOnly(2026, 12, 7), calendar));
    }

    private static FigureSet Figures(EngagementDigest digest, int socialChannelId) =>
        digest.SocialChannels.Single(c => c.SocialChannelId == socialChannelId).Figures;
}

internal static class BerlinTime
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById(DigestTestData.Zone);

    /// <summary>A Berlin wall-clock time as an instant.</summary>
    public static DateTimeOffset ToUtc(this DateTime local) => new DateTimeOffset(local, Berlin.GetUtcOffset(local)).ToUniversalTime();
}
