using Bot.Posts;
using Bot.Reminders;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Reminders;

/// <summary>The team's working hours in Europe/Berlin, with the clock a FakeTimeProvider fixes: exact instants, both DST switches of 2026.</summary>
public sealed class WorkingCalendarTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly WorkingCalendar Default = ReminderSettings.Default.Calendar("Europe/Berlin");

    private static DateTimeOffset InBerlin(int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Berlin.GetUtcOffset(local));
    }

    [Fact]
    public void Four_working_hours_from_friday_1730_is_monday_1130_in_Berlin()
    {
        var clock = new FakeTimeProvider(InBerlin(2026, 11, 20, 17, 30));

        var due = ReminderPlanner.ReviewReminderDue(clock.GetUtcNow(), ReminderSettings.Default, Default);

        Assert.Equal(InBerlin(2026, 11, 23, 11, 30), due);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 30, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void The_SLA_counts_working_hours_only_within_a_day()
    {
        var clock = new FakeTimeProvider(InBerlin(2026, 11, 24, 9, 15));

        Assert.Equal(InBerlin(2026, 11, 24, 13, 15), ReminderPlanner.ReviewReminderDue(clock.GetUtcNow(), ReminderSettings.Default, Default));
        Assert.Equal(InBerlin(2026, 11, 25, 9, 15), ReminderPlanner.ReviewReminderDue(clock.GetUtcNow(), ReminderSettings.Default with { ReviewSlaHours = 10 }, Default));
    }

    [Theory]
    [InlineData(2026, 11, 21, 10, 0, 2026, 11, 23, 8, 0)] // Saturday morning waits for Monday
    [InlineData(2026, 11, 24, 20, 0, 2026, 11, 25, 8, 0)] // Tuesday evening waits for Wednesday
    [InlineData(2026, 11, 24, 6, 30, 2026, 11, 24, 8, 0)] // early morning waits for the start of the day
    [InlineData(2026, 11, 24, 12, 0, 2026, 11, 24, 12, 0)] // inside the window: now
    public void A_reminder_outside_working_hours_is_deferred_to_the_next_window(int y, int mo, int d, int h, int mi, int ey, int emo, int ed, int eh, int emi)
    {
        var clock = new FakeTimeProvider(InBerlin(y, mo, d, h, mi));

        Assert.Equal(InBerlin(ey, emo, ed, eh, emi), Default.NextWorkingInstant(clock.GetUtcNow()));
    }

    [Fact]
    public void Across_the_spring_DST_switch_the_working_day_still_starts_at_0800_local()
    {
        // Friday 27 March 2026 is CET (+1); Monday 30 March is CEST (+2) after the switch on Sunday 29 March.
        var clock = new FakeTimeProvider(InBerlin(2026, 3, 27, 17, 30));

        var due = Default.AddWorkingTime(clock.GetUtcNow(), TimeSpan.FromHours(4));

        Assert.Equal(new DateTimeOffset(2026, 3, 30, 11, 30, 0, TimeSpan.FromHours(2)), due);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 9, 30, 0, TimeSpan.Zero), due.ToUniversalTime());
    }

    [Fact]
    public void Across_the_autumn_DST_switch_the_working_day_still_starts_at_0800_local()
    {
        // Friday 23 October 2026 is CEST (+2); Monday 26 October is CET (+1) after the switch on Sunday 25 October.
        var clock = new FakeTimeProvider(InBerlin(2026, 10, 23, 17, 30));

        var due = Default.AddWorkingTime(clock.GetUtcNow(), TimeSpan.FromHours(4));

        Assert.Equal(new DateTimeOffset(2026, 10, 26, 11, 30, 0, TimeSpan.FromHours(1)), due);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 10, 30, 0, TimeSpan.Zero), due.ToUniversalTime());
    }

    [Fact]
    public void A_calendar_whose_day_spans_the_night_of_the_switch_counts_the_short_and_long_nights_as_they_are()
    {
        // Working Sunday 00:00–06:00: the spring night has only five real hours, the autumn night seven.
        var allDay = new WorkingCalendar(Berlin, [DayOfWeek.Sunday], new TimeOnly(0, 0), new TimeOnly(6, 0));

        Assert.Equal(InBerlin(2026, 3, 29, 6, 0), allDay.AddWorkingTime(InBerlin(2026, 3, 29, 0, 0), TimeSpan.FromHours(5)));
        Assert.Equal(InBerlin(2026, 10, 25, 6, 0), allDay.AddWorkingTime(InBerlin(2026, 10, 25, 0, 0), TimeSpan.FromHours(7)));
    }

    [Fact]
    public void Public_holidays_are_skipped()
    {
        var christmas = new WorkingCalendar(Berlin, ReminderSettings.Default.WorkingDays, new TimeOnly(8, 0), new TimeOnly(18, 0), [new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 25)]);
        var clock = new FakeTimeProvider(InBerlin(2026, 12, 23, 16, 0));

        Assert.Equal(InBerlin(2026, 12, 28, 10, 0), christmas.AddWorkingTime(clock.GetUtcNow(), TimeSpan.FromHours(4)));
        Assert.False(christmas.IsWorkingTime(InBerlin(2026, 12, 24, 10, 0)));
        Assert.Equal(InBerlin(2026, 12, 28, 8, 0), christmas.NextWorkingMorning(InBerlin(2026, 12, 23, 9, 0)));
    }

    [Fact]
    public void The_first_working_hour_is_the_plan_gap_morning()
    {
        Assert.True(ReminderPlanner.IsFirstWorkingHour(Default, InBerlin(2026, 11, 23, 8, 0)));
        Assert.True(ReminderPlanner.IsFirstWorkingHour(Default, InBerlin(2026, 11, 23, 8, 59)));
        Assert.False(ReminderPlanner.IsFirstWorkingHour(Default, InBerlin(2026, 11, 23, 9, 0)));
        Assert.False(ReminderPlanner.IsFirstWorkingHour(Default, InBerlin(2026, 11, 22, 8, 30)));
    }

    [Fact]
    public void A_post_in_review_gets_a_review_reminder_a_deadline_note_and_its_planned_time()
    {
        var now = InBerlin(2026, 11, 23, 10, 0);
        var planned = InBerlin(2026, 11, 26, 10, 30);

        var plan = ReminderPlanner.Plan(PostStatus.InReview, planned, ReminderSettings.Default, Default, now);

        Assert.Equal(
            [(PostReminder.Review, InBerlin(2026, 11, 23, 14, 0)), (PostReminder.Deadline, InBerlin(2026, 11, 25, 10, 30)), (PostReminder.PlannedTime, planned)],
            plan);
        Assert.Equal([(PostReminder.PlannedTime, planned)], ReminderPlanner.Plan(PostStatus.Approved, planned, ReminderSettings.Default, Default, now));
        Assert.Empty(ReminderPlanner.Plan(PostStatus.Withdrawn, planned, ReminderSettings.Default, Default, now));
    }
}
