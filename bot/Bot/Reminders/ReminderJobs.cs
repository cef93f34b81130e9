using Quartz;

namespace Bot.Reminders;

// Thin adapters: Quartz hands over the stored job data, the plain services decide. Quartz builds each job in its own
// DI scope, so the scoped DbContext is fresh for every firing.

[DisallowConcurrentExecution]
public sealed class ReviewReminderJob(PostReminders reminders, ReminderFirings firings) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        new(firings.RunOnceAsync(context, ct => reminders.RemindReviewersAsync(PostIdOf(context), context.MergedJobDataMap.GetInt(ReminderScheduler.CountKey), ct), cancellationToken));

    internal static Guid PostIdOf(IJobExecutionContext context) => Guid.Parse(context.MergedJobDataMap.GetString(ReminderScheduler.PostIdKey)!);
}

public sealed class DeadlineReminderJob(PostReminders reminders, ReminderFirings firings) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        new(firings.RunOnceAsync(context, ct => reminders.WarnDeadlineAsync(ReviewReminderJob.PostIdOf(context), ct), cancellationToken));
}

public sealed class PlannedTimeJob(PostReminders reminders, ReminderFirings firings) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        new(firings.RunOnceAsync(context, ct => reminders.PlannedTimeReachedAsync(ReviewReminderJob.PostIdOf(context), ct), cancellationToken));
}

public sealed class PublishFollowUpJob(PostReminders reminders, ReminderFirings firings) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        new(firings.RunOnceAsync(context, ct => reminders.FollowUpPublishAsync(ReviewReminderJob.PostIdOf(context), ct), cancellationToken));
}

[DisallowConcurrentExecution]
public sealed class PlanGapJob(PostReminders reminders) : IJob
{
    /// <summary>Every hour on the hour (UTC).</summary>
    public const string Schedule = "0 0 * * * ?";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        new(reminders.CheckPlanGapsAsync(cancellationToken));
}
