using Bot.Localization;

namespace Bot.Reminders;

/// <summary>The words for the reminders feature's enumerations, in the current language.</summary>
public static class ReminderDisplayNames
{
    public static string Kind(ReminderKind kind) => kind switch
    {
        ReminderKind.Review => Texts.ReminderKindReview,
        ReminderKind.Deadline => Texts.ReminderKindDeadline,
        ReminderKind.DueNow => Texts.ReminderKindDueNow,
        ReminderKind.PlanGap => Texts.ReminderKindPlanGap,
        _ => Texts.ReminderKindMissedSlot,
    };

    public static string Reminder(PostReminder kind) => kind switch
    {
        PostReminder.Review => Texts.PostReminderReview,
        PostReminder.Deadline => Texts.PostReminderDeadline,
        PostReminder.PlannedTime => Texts.PostReminderPlannedTime,
        _ => Texts.PostReminderPublishFollowUp,
    };
}
