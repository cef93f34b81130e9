using System.Globalization;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Bot.Digest;

/// <summary>
/// One persistent Quartz job per team, its cron trigger in the team's own time zone: Quartz then keeps 09:00 at 09:00
/// local across both DST switches, and the trigger survives restarts in the bot's database. The trigger fires every
/// day at the chosen time; <see cref="DailyDigest"/> decides whether the day is a digest day, so a change of working
/// days or holidays in the reminder settings needs no rescheduling.
/// </summary>
public sealed class DigestScheduler(ISchedulerFactory schedulers, TimeProvider timeProvider)
{
    internal const string Group = "digest";
    internal const string TeamIdKey = "teamId";

    public static JobKey JobOf(string teamId) => new(teamId, Group);

    public static TriggerKey TriggerOf(string teamId) => new(teamId, Group);

    public static string CronOf(TimeOnly localTime) =>
        string.Create(CultureInfo.InvariantCulture, $"0 {localTime.Minute} {localTime.Hour} ? * *");

    /// <summary>
    /// Stores the team's trigger, or removes it when the digest is off. An unchanged stored trigger is left alone, so a
    /// run missed while the bot was down is still made up when it starts again.
    /// </summary>
    public async Task ScheduleAsync(string teamId, string timeZoneId, TeamDigestSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (!settings.IsEnabled)
        {
            await scheduler.DeleteJob(JobOf(teamId), cancellationToken);
            return;
        }

        var cron = CronOf(settings.LocalTime);
        if (await scheduler.GetTrigger(TriggerOf(teamId), cancellationToken) is ICronTrigger stored
            && stored.CronExpressionString == cron
            && stored.TimeZone.Id == timeZoneId)
        {
            return;
        }

        var job = JobBuilder.Create<DailyDigestJob>().WithIdentity(JobOf(teamId)).UsingJobData(TeamIdKey, teamId).RequestRecovery().Build();
        // Built on the bot's clock: a trigger on the machine's would start, and judge misfires, by the wall clock.
        var trigger = TriggerBuilder.Create(timeProvider)
            .WithIdentity(TriggerOf(teamId))
            .ForJob(job)
            // Missed while the bot was down: one firing when it is back (never one per missed day); the job then
            // sends only if it is still the same working day.
            .WithCronSchedule(cron, schedule => schedule.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId)).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    /// <summary>When the team's next digest is due; null when it has none.</summary>
    public async Task<DateTimeOffset?> NextRunAsync(string teamId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return (await scheduler.GetTrigger(TriggerOf(teamId), cancellationToken))?.NextFireTimeUtc;
    }
}

/// <summary>Gives every team a digest trigger at start-up (teams from before the digest existed, or a lost store).</summary>
internal sealed class DigestTriggers(IServiceScopeFactory scopes, DigestScheduler scheduler) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await EnsureAllAsync(scope.ServiceProvider.GetRequiredService<BotDbContext>(), scheduler, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task EnsureAllAsync(BotDbContext database, DigestScheduler scheduler, CancellationToken cancellationToken)
    {
        var teams = await database.Teams.AsNoTracking().Select(t => new { t.TeamId, t.TimeZoneId }).ToListAsync(cancellationToken);
        var settings = await database.DigestSettings.AsNoTracking().ToDictionaryAsync(s => s.TeamId, cancellationToken);
        foreach (var team in teams)
        {
            await scheduler.ScheduleAsync(team.TeamId, team.TimeZoneId, settings.GetValueOrDefault(team.TeamId) ?? new TeamDigestSettings { TeamId = team.TeamId }, cancellationToken);
        }
    }
}

/// <summary>
/// Moves a team's trigger after a committed change that affects it (install, the team's time zone). Turns hold no
/// transaction, so the change is committed when this runs and Quartz, writing through its own connection, waits for
/// no lock of ours.
/// </summary>
public sealed class DigestRescheduling(DigestSettingsStore settingsStore, DigestScheduler scheduler)
{
    public async Task AfterCommitAsync(string teamId, string timeZoneId, CancellationToken cancellationToken) =>
        await scheduler.ScheduleAsync(teamId, timeZoneId, await settingsStore.SettingsOfAsync(teamId, cancellationToken), cancellationToken);
}
