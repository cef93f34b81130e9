using Bot.Telemetry;
using Quartz;

namespace Bot.Scheduling;

/// <summary>
/// Counts the triggers Quartz finds late by more than its misfire threshold: a reminder or digest that went out late
/// (or, per its misfire instruction, not at all) because every instance was down, busy or behind on the database.
/// </summary>
internal sealed class MisfireCounter(BotMetrics metrics) : ITriggerListener
{
    public string Name => nameof(MisfireCounter);

    public ValueTask TriggerMisfired(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default)
    {
        metrics.SchedulerMisfired(GroupOf(trigger.JobKey));
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Groups named per entity (<c>post-&lt;id&gt;</c>) are cut at the dash, so the tag names the kind of job and
    /// stays one of a few values however many posts there are.
    /// </summary>
    internal static string GroupOf(JobKey job)
    {
        var dash = job.Group.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? job.Group : job.Group[..dash];
    }
}
