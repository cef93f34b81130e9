using Quartz;

namespace Bot.Scheduling;

/// <summary>One job registered through <see cref="SchedulingServiceCollectionExtensions.AddRecurringJob"/>.</summary>
internal sealed record RecurringJob(Type JobType, string Name, string CronExpression);

/// <summary>
/// Stores the recurring jobs once the scheduler is up. An unchanged stored trigger is left alone, so its misfire
/// instruction makes up a run missed while the bot was down; a changed schedule replaces it.
/// </summary>
internal sealed class RecurringJobs(ISchedulerFactory schedulers, TimeProvider timeProvider, IEnumerable<RecurringJob> jobs) : IHostedService
{
    internal const string Group = "recurring";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var recurring in jobs)
        {
            await EnsureAsync(scheduler, recurring, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureAsync(IScheduler scheduler, RecurringJob recurring, CancellationToken cancellationToken)
    {
        var key = new TriggerKey(recurring.Name, Group);
        if (await scheduler.GetTrigger(key, cancellationToken) is ICronTrigger { CronExpressionString: var stored } && stored == recurring.CronExpression)
        {
            return;
        }

        var job = JobBuilder.Create().OfType(recurring.JobType).WithIdentity(recurring.Name, Group).RequestRecovery().Build();
        // Built on the bot's clock: a trigger built without it keeps the machine's for its start and misfire handling,
        // so on an injected clock (tests, a replay) a cron trigger jumped to the wall-clock date.
        var trigger = TriggerBuilder.Create(timeProvider)
            .WithIdentity(key)
            // One make-up run, not one per missed hour: the job looks at the whole current state anyway.
            .WithCronSchedule(recurring.CronExpression, cron => cron.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }
}
