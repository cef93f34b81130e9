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
            return (original.ToString(), Seconds(scheduled));
        }

        var at = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        return (context.Trigger.Key.ToString(), at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The job store writes the cut-off firing's scheduled time into the recovery trigger's data as invariant text,
    /// to the second ("12/04/2026 15:40:05 +00:00"); so both runs name the firing by its Unix second. A trigger never
    /// fires twice in one second, so that is still one firing.
    /// </summary>
    private static string Seconds(string stored)
    {
        if (long.TryParse(stored, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            // Milliseconds or ticks, should a later Quartz store a number instead.
            var instant = number > 100_000_000_000_000 ? new DateTimeOffset(number, TimeSpan.Zero) : DateTimeOffset.FromUnixTimeMilliseconds(number);
            return instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }

        return DateTimeOffset.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
            : stored;
    }
}
