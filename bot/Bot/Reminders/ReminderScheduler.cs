using Quartz;

namespace Bot.Reminders;

/// <summary>The one-off reminders that belong to a post; each kind has at most one pending trigger per post.</summary>
public enum PostReminder
{
    /// <summary>A review waiting longer than the team's SLA: the reviewers who have not decided are reminded.</summary>
    Review,

    /// <summary>The planned time is near and the post is not approved: reviewers and author get an urgent note.</summary>
    Deadline,

    /// <summary>The planned time: an approved post is due (owner told to publish), an unapproved one missed its slot.</summary>
    PlannedTime,

    /// <summary>Two hours after "due now": the post is still not marked published.</summary>
    PublishFollowUp,
}

public sealed record PlannedReminder(Guid PostId, PostReminder Kind, DateTimeOffset At);

/// <summary>
/// Puts reminders into Quartz's persistent store and takes them out again. Every job of a post lives in the post's own
/// job group, so a decision or withdrawal removes them all in one call, and a job key is (kind, post) so scheduling a
/// kind again replaces the pending one instead of adding a second.
///
/// Another persistent job needs an <see cref="IJob"/> class registered with <c>AddTransient</c> by its feature and a
/// one-off trigger through <see cref="ScheduleAsync"/>-like code in that feature, or, for a recurring one,
/// <c>AddRecurringJob</c> (Scheduling). Choose the misfire instruction explicitly for each trigger, and build it with
/// <c>TriggerBuilder.Create(timeProvider)</c>: a trigger built without the bot's clock keeps the machine's for its start
/// and misfire handling, so on an injected clock (tests, a replay) a cron trigger jumped to the wall-clock date.
/// </summary>
public sealed class ReminderScheduler(ISchedulerFactory schedulers, TimeProvider timeProvider)
{
    internal const string PostIdKey = "postId";
    internal const string TeamIdKey = "teamId";
    internal const string CountKey = "count";

    public static string GroupOf(Guid postId) => "post-" + postId.ToString("N");

    public async Task ScheduleAsync(PostReminder kind, Guid postId, string teamId, DateTimeOffset at, int count, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = kind switch
        {
            PostReminder.Review => Job<ReviewReminderJob>(kind, postId, teamId, count),
            PostReminder.Deadline => Job<DeadlineReminderJob>(kind, postId, teamId, count),
            PostReminder.PlannedTime => Job<PlannedTimeJob>(kind, postId, teamId, count),
            _ => Job<PublishFollowUpJob>(kind, postId, teamId, count),
        };
        var trigger = TriggerBuilder.Create(timeProvider)
            .WithIdentity(kind.ToString(), GroupOf(postId))
            .StartAt(at)
            // A reminder missed while the bot was down fires once when it is back: one late note, never a burst, never none.
            .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    public async Task CancelAsync(PostReminder kind, Guid postId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.DeleteJob(new JobKey(kind.ToString(), GroupOf(postId)), cancellationToken);
    }

    public async Task CancelAllAsync(Guid postId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.DeleteJobs(GroupMatcher<JobKey>.GroupEquals(GroupOf(postId)), cancellationToken);
    }

    /// <summary>What is pending for these posts, soonest first.</summary>
    public async Task<IReadOnlyList<PlannedReminder>> PlannedForAsync(IEnumerable<Guid> postIds, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var keys = postIds.SelectMany(id => Enum.GetValues<PostReminder>().Select(kind => (id, kind, key: new TriggerKey(kind.ToString(), GroupOf(id))))).ToList();
        var triggers = await scheduler.GetTriggers([.. keys.Select(k => k.key)], cancellationToken);
        var planned = new List<PlannedReminder>();
        foreach (var (id, kind, key) in keys)
        {
            if (triggers.FirstOrDefault(t => t.Key.Equals(key)) is { } trigger && trigger.NextFireTimeUtc is { } next)
            {
                planned.Add(new PlannedReminder(id, kind, next));
            }
        }

        return [.. planned.OrderBy(p => p.At)];
    }

    /// <summary>Moves a pending reminder to a new time; false when none of that kind is pending.</summary>
    public async Task<bool> PostponeAsync(PostReminder kind, Guid postId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = new TriggerKey(kind.ToString(), GroupOf(postId));
        if (await scheduler.GetTrigger(key, cancellationToken) is null)
        {
            return false;
        }

        var moved = TriggerBuilder.Create(timeProvider)
            .WithIdentity(key)
            .ForJob(new JobKey(kind.ToString(), GroupOf(postId)))
            .StartAt(at)
            .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        return await scheduler.RescheduleJob(key, moved, cancellationToken) is not null;
    }

    private static IJobDetail Job<TJob>(PostReminder kind, Guid postId, string teamId, int count)
        where TJob : IJob =>
        JobBuilder.Create<TJob>()
            .WithIdentity(kind.ToString(), GroupOf(postId))
            // An instance that dies while a reminder runs must not take it along: another instance runs it again.
            .RequestRecovery()
            .UsingJobData(PostIdKey, postId.ToString("D"))
            .UsingJobData(TeamIdKey, teamId)
            .UsingJobData(CountKey, count)
            .Build();
}
