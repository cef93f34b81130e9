using System.Globalization;
using Bot.Delivery;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Bot.Reminders;

/// <summary>
/// Makes a reminder's firing count once. When an instance dies in the middle of a job, the clustered scheduler runs
/// the job again on another instance (it is stored with <c>RequestRecovery</c>); without this, notes the first run had
/// already queued went out a second time. The firing's mark (trigger and scheduled time, in the record of processed
/// ids) is saved with the first note it queues, so the repeat finds it and stays silent.
/// </summary>
public sealed class ReminderFirings(BotDbContext database, TimeProvider timeProvider)
{
    public const string Channel = "quartz";

    public async Task RunOnceAsync(IJobExecutionContext context, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        var (trigger, scheduled) = FiringOf(context);
        if (await database.ProcessedActivities.AnyAsync(p => p.ChannelId == Channel && p.ConversationId == trigger && p.ActivityId == scheduled, cancellationToken))
        {
            return;
        }

        // Tracked, not saved: the first SaveChanges of the work (the first note it queues) stores it in the same commit.
        database.ProcessedActivities.Add(new ProcessedActivity { ChannelId = Channel, ConversationId = trigger, ActivityId = scheduled, Status = 200, ProcessedAt = timeProvider.GetUtcNow() });
        await work(cancellationToken);
        await database.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The firing a job execution stands for; a recovering execution stands for the one that was cut off.</summary>
    private static (string Trigger, string ScheduledAt) FiringOf(IJobExecutionContext context)
    {
        if (context.Recovering
            && context.RecoveringTriggerKey is { } original
            && context.MergedJobDataMap.GetString(SchedulerConstants.FailedJobOriginalTriggerScheduledFireTime) is { Length: > 0 } scheduled)
        {
            return (original.ToString(), scheduled);
        }

        var at = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        return (context.Trigger.Key.ToString(), at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
    }
}
