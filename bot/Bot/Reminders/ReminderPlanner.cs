using Bot.Posts;

namespace Bot.Reminders;

/// <summary>Pure decisions about when a post's reminders are due; no scheduler, no database, the clock passed in.</summary>
public static class ReminderPlanner
{
    /// <summary>The reminders a post in <paramref name="status"/> needs, counted from <paramref name="now"/>.</summary>
    public static IReadOnlyList<(PostReminder Kind, DateTimeOffset At)> Plan(
        PostStatus status,
        DateTimeOffset? plannedPublishAt,
        ReminderSettings settings,
        WorkingCalendar calendar,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(calendar);
        var plan = new List<(PostReminder, DateTimeOffset)>();
        if (status.IsFinal())
        {
            return plan;
        }

        if (status == PostStatus.InReview)
        {
            plan.Add((PostReminder.Review, ReviewReminderDue(now, settings, calendar)));
        }

        if (plannedPublishAt is not { } planned || planned <= now)
        {
            return plan;
        }

        // An urgent note, so it is not held back until the next working window: the slot would be gone by then.
        var warnAt = planned - TimeSpan.FromHours(settings.DeadlineHours);
        if (status is PostStatus.InReview or PostStatus.ChangesRequested && warnAt > now)
        {
            plan.Add((PostReminder.Deadline, warnAt));
        }

        plan.Add((PostReminder.PlannedTime, planned));
        return plan;
    }

    /// <summary>A review that started at <paramref name="since"/> is overdue after the team's SLA in working hours.</summary>
    public static DateTimeOffset ReviewReminderDue(DateTimeOffset since, ReminderSettings settings, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.AddWorkingTime(since, TimeSpan.FromHours(settings.ReviewSlaHours));
    }

    /// <summary>Whether <paramref name="now"/> lies in the first hour of a working day: the morning a plan-gap note goes out.</summary>
    public static bool IsFirstWorkingHour(WorkingCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var morning = calendar.NextWorkingMorning(now - TimeSpan.FromHours(1));
        return morning <= now && now < morning + TimeSpan.FromHours(1);
    }
}
