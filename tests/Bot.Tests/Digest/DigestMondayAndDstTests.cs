using Bot.Digest;
using Bot.Reminders;
using Bot.Staffing;
using Quartz;

namespace Bot.Tests.Digest;

/// <summary>
/// Monday editions on the Mondays after both DST switches in Berlin: the period covers Friday to Sunday, including the
/// 25-hour and 23-hour Sundays, and local days and times are those of the wall clock, not of a fixed offset.
/// </summary>
public sealed class DigestMondayAndDstTests
{
    [Theory]
    // Monday 26 October 2026, 09:00 CET; the Sunday before had 25 hours.
    [InlineData("2026-10-26T08:00:00Z", "2026-10-25T22:30:00Z", "2026-10-25T23:30:00Z", "2026-10-26T13:00:00Z")]
    // Monday 29 March 2027, 09:00 CEST; the Sunday before had 23 hours.
    [InlineData("2027-03-29T07:00:00Z", "2027-03-28T21:30:00Z", "2027-03-28T22:30:00Z", "2027-03-29T12:00:00Z")]
    public async Task A_monday_after_a_dst_switch_counts_sunday_late_evening_to_sunday_and_shows_local_times(
        string now, string sundayLateEvening, string mondayJustAfterMidnight, string todayAtTwoPm)
    {
        using var data = new DigestTestData(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        var instagram = data.SocialChannel(Platform.Instagram, "@contoso_de", DigestTestData.Reviewer.AadObjectId, goal: 3);
        var today = DateOnly.FromDateTime(data.Clock.GetUtcNow().UtcDateTime);
        var sunday = today.AddDays(-1);
        data.Published("Sonntagabend", instagram, Platform.Instagram, "https://instagram.com/p/sun", DateTimeOffset.Parse(sundayLateEvening, System.Globalization.CultureInfo.InvariantCulture));
        data.Published("Nach Mitternacht", instagram, Platform.Instagram, "https://instagram.com/p/mon", DateTimeOffset.Parse(mondayJustAfterMidnight, System.Globalization.CultureInfo.InvariantCulture));
        data.Approved("Heute Nachmittag", instagram, Platform.Instagram, DateTimeOffset.Parse(todayAtTwoPm, System.Globalization.CultureInfo.InvariantCulture));
        data.Day(instagram, sunday, impressions: 2500, reactions: 100);
        data.Day(instagram, sunday.AddDays(-2), impressions: 500, reactions: 20);

        var digest = await data.ComposeAsync();

        Assert.True(digest.IsMondayEdition);
        Assert.Equal((sunday.AddDays(-2), sunday), (digest.PeriodFirstDay, digest.PeriodLastDay));
        var figures = digest.SocialChannels.Single().Figures;
        Assert.Equal(1, figures.PostsPublished);
        Assert.Equal(3000, figures.Impressions);
        Assert.Equal(120, figures.Engagements);
        Assert.Equal(new TimeOnly(14, 0), Assert.Single(digest.GoingOutToday).LocalTime);
    }

    [Fact]
    public async Task The_monday_edition_adds_the_week_ahead_with_gaps_and_last_weeks_goal_progress()
    {
        // Monday 7 December 2026, 09:00 in Berlin.
        using var data = new DigestTestData(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
        var instagram = data.SocialChannel(Platform.Instagram, "@contoso_de", DigestTestData.Reviewer.AadObjectId, goal: 2);
        var linkedIn = data.SocialChannel(Platform.LinkedIn, "contoso-gmbh", DigestTestData.Author.AadObjectId, goal: 1);
        data.Published("Letzte Woche 1", instagram, Platform.Instagram, "https://instagram.com/p/1", new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        data.Published("Letzte Woche 2", instagram, Platform.Instagram, "https://instagram.com/p/2", new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
        data.Day(instagram, new DateOnly(2026, 12, 2), impressions: 1000, reactions: 50);
        data.Approved("Dienstag", instagram, Platform.Instagram, new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero));
        data.Approved("Dienstag LinkedIn", linkedIn, Platform.LinkedIn, new DateTimeOffset(2026, 12, 8, 11, 0, 0, TimeSpan.Zero));
        data.Approved("Donnerstag", instagram, Platform.Instagram, new DateTimeOffset(2026, 12, 10, 10, 0, 0, TimeSpan.Zero));

        var digest = await data.ComposeAsync();

        Assert.Contains(DigestSection.WeekAhead, digest.Sections);
        Assert.Equal(DigestSection.WeekAhead, digest.Sections[^1]);
        var week = digest.WeekAhead!.Days;
        Assert.Equal(7, week.Count);
        Assert.Equal(new DateOnly(2026, 12, 7), week[0].Day);
        Assert.Equal([("Instagram @contoso_de", 1), ("LinkedIn contoso-gmbh", 1)], week[1].Planned);
        Assert.Equal([true, false, true, false, true, false, false], week.Select(d => d.IsGap));

        var instagramGoal = digest.LastWeekGoals.Single(g => g.SocialChannelId == instagram);
        Assert.Equal((2, 2), (instagramGoal.Published, instagramGoal.Goal));
        Assert.Equal(0.05, instagramGoal.EngagementRate!.Value, 6);
        Assert.Equal(0, digest.LastWeekGoals.Single(g => g.SocialChannelId == linkedIn).Published);
    }

    [Fact]
    public void The_trigger_stays_at_nine_local_time_across_both_dst_switches()
    {
        var cron = (Quartz.Impl.Triggers.CronTriggerImpl)TriggerBuilder.Create()
            .WithCronSchedule(DigestScheduler.CronOf(new TimeOnly(9, 0)), schedule => schedule.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(DigestTestData.Zone)))
            .StartAt(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .Build();

        // Saturday 24 October 2026, 10:00 CEST → Sunday 25 October 09:00 CET.
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 8, 0, 0, TimeSpan.Zero), cron.GetFireTimeAfter(new DateTimeOffset(2026, 10, 24, 8, 0, 0, TimeSpan.Zero)));

        // Saturday 27 March 2027, 10:00 CET → Sunday 28 March 09:00 CEST.
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 7, 0, 0, TimeSpan.Zero), cron.GetFireTimeAfter(new DateTimeOffset(2027, 3, 27, 9, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("2026-12-09", "09:00", null)]
    [InlineData("2026-12-09", "08:59", "before-time")]
    [InlineData("2026-12-09", "17:59", null)]
    [InlineData("2026-12-09", "18:00", "day-over")]
    [InlineData("2026-12-12", "09:00", "not-a-digest-day")]
    [InlineData("2026-12-24", "09:00", "not-a-digest-day")]
    public void A_firing_sends_only_on_a_digest_day_between_the_set_time_and_the_end_of_working_hours(string day, string time, string? expected)
    {
        var reminders = ReminderSettings.Default with { Holidays = [new DateOnly(2026, 12, 24)] };
        var calendar = reminders.Calendar(DigestTestData.Zone);

        var why = DailyDigest.WhyNotToday(new TeamDigestSettings { TeamId = DigestTestData.TeamId }, calendar, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, why);
    }

    [Fact]
    public void Chosen_days_replace_the_working_days_and_a_switched_off_digest_never_sends()
    {
        var calendar = ReminderSettings.Default.Calendar(DigestTestData.Zone);
        var saturdays = new TeamDigestSettings { TeamId = DigestTestData.TeamId, Days = [DayOfWeek.Saturday], LocalTime = new TimeOnly(10, 0) };

        Assert.Null(DailyDigest.WhyNotToday(saturdays, calendar, new DateOnly(2026, 12, 12), new TimeOnly(10, 5)));
        Assert.Equal("not-a-digest-day", DailyDigest.WhyNotToday(saturdays, calendar, new DateOnly(2026, 12, 9), new TimeOnly(10, 5)));
        Assert.Equal("off", DailyDigest.WhyNotToday(new TeamDigestSettings { TeamId = DigestTestData.TeamId, IsEnabled = false }, calendar, new DateOnly(2026, 12, 9), new TimeOnly(9, 5)));
    }
}
