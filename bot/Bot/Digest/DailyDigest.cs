using Bot.Delivery;
using Bot.Hosting;
using Bot.Localization;
using Bot.Persistence;
using Bot.Reminders;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Digest;

/// <summary>
/// Sends a team's digest into its home channel through the outbox (paced, retried, a dead letter rather than lost).
/// The scheduled digest goes out once per team and local date: its <see cref="DigestDelivery"/> row and the queued card
/// are one commit, and the unique (team, date) index turns a second firing, a restart or another instance into nothing.
/// </summary>
public sealed partial class DailyDigest(
    BotDbContext database,
    DigestComposer composer,
    DigestSettingsStore settingsStore,
    ReminderSettingsStore reminderSettings,
    Notifier notifier,
    DownloadTokens tokens,
    IOptions<DownloadOptions> downloadOptions,
    IHttpContextAccessor http,
    IOptions<Hosting.BotOptions> botOptions,
    TimeProvider timeProvider,
    ILogger<DailyDigest> logger)
{
    internal const string ScheduleTrigger = "schedule";

    /// <summary>An inline chart larger than this would eat into Teams' message size; then the card goes without it.</summary>
    private const int MaxInlineChartBytes = 40 * 1024;

    private const int MaxDaysAhead = 400;

    /// <summary>The trigger fired (on time, or once after the bot was down): send today's digest if today is due and not sent.</summary>
    public async Task SendScheduledAsync(string teamId, CancellationToken cancellationToken)
    {
        var team = await database.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.TeamId == teamId, cancellationToken);
        if (team is null)
        {
            return;
        }

        var settings = await settingsStore.SettingsOfAsync(teamId, cancellationToken);
        var reminders = await reminderSettings.SettingsOfAsync(teamId, cancellationToken);
        var calendar = reminders.Calendar(team.TimeZoneId);
        var local = TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), calendar.Zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        var skip = WhyNotToday(settings, calendar, today, TimeOnly.FromDateTime(local.DateTime));
        if (skip is not null)
        {
            LogSkipped(logger, teamId, today, skip);
            return;
        }

        if (await database.DigestDeliveries.AnyAsync(d => d.TeamId == teamId && d.Date == today, cancellationToken))
        {
            LogAlreadySent(logger, teamId, today);
            return;
        }

        using var language = BotLanguage.Use(BotLanguage.FromLocale(team.Language ?? botOptions.Value.DefaultLanguage));
        var card = await CardAsync(team, settings, cancellationToken);
        var delivery = new DigestDelivery { TeamId = teamId, Date = today, SentAt = timeProvider.GetUtcNow(), Trigger = ScheduleTrigger };
        database.DigestDeliveries.Add(delivery);
        if (!await notifier.QueueTeamCardAsync(team, OutboundKinds.Digest, card, cancellationToken))
        {
            database.Entry(delivery).State = EntityState.Detached;
            return;
        }

        try
        {
            await database.SaveChangesAsync(cancellationToken);
            LogQueued(logger, teamId, today, ScheduleTrigger);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another instance (or a second firing) committed today's digest between our check and our commit.
            database.ChangeTracker.Clear();
            LogAlreadySent(logger, teamId, today);
        }
    }

    /// <summary><c>digest now</c>: today's digest at once, in the asker's language; it leaves the scheduled one untouched.</summary>
    public async Task<bool> SendNowAsync(Team team, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        var settings = await settingsStore.SettingsOfAsync(team.TeamId, cancellationToken);
        var card = await CardAsync(team, settings, cancellationToken);
        if (!await notifier.QueueTeamCardAsync(team, OutboundKinds.Digest, card, cancellationToken))
        {
            return false;
        }

        await database.SaveChangesAsync(cancellationToken);
        LogQueued(logger, team.TeamId, DigestComposer.LocalDay(timeProvider.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId)), "manual");
        return true;
    }

    /// <summary>
    /// Null when the digest is due now; else why not. A firing before the set time is a make-up for an earlier day (the
    /// bot was down overnight): today's own firing is still to come. After working hours the day is over, and a
    /// morning summary at night would only confuse.
    /// </summary>
    public static string? WhyNotToday(TeamDigestSettings settings, WorkingCalendar calendar, DateOnly today, TimeOnly localTime)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(calendar);
        if (!settings.IsEnabled)
        {
            return "off";
        }

        if (!IsDigestDay(settings, calendar, today))
        {
            return "not-a-digest-day";
        }

        if (localTime < settings.LocalTime)
        {
            return "before-time";
        }

        // A digest set after working hours still gets an hour to make up a missed run.
        var window = calendar.End > settings.LocalTime ? calendar.End - settings.LocalTime : TimeSpan.FromHours(1);
        return localTime - settings.LocalTime >= window ? "day-over" : null;
    }

    /// <summary>The team's own digest days if it chose any, else its working days; never on a holiday.</summary>
    public static bool IsDigestDay(TeamDigestSettings settings, WorkingCalendar calendar, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(calendar);
        return settings.Days.Count > 0
            ? settings.Days.Contains(day.DayOfWeek) && !calendar.Holidays.Contains(day)
            : calendar.IsWorkingDay(day);
    }

    /// <summary>
    /// When the next digest goes out after <paramref name="after"/>; null when the digest is off. The trigger fires
    /// every day and the job skips the days that are not digest days, so the trigger's next firing may be a Saturday:
    /// this walks the same cron expression in the team's zone (Quartz's own DST handling) to the first digest day.
    /// </summary>
    public static DateTimeOffset? NextDigest(TeamDigestSettings settings, WorkingCalendar calendar, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(calendar);
        if (!settings.IsEnabled)
        {
            return null;
        }

        var cron = new CronExpression(DigestScheduler.CronOf(settings.LocalTime), calendar.Zone);
        var next = cron.GetNextValidTimeAfter(after);

        // A team whose holidays fill a whole year has no digest to name.
        for (var i = 0; next is { } at && i < MaxDaysAhead; i++, next = cron.GetNextValidTimeAfter(at))
        {
            if (IsDigestDay(settings, calendar, DigestComposer.LocalDay(at, calendar.Zone)))
            {
                return at;
            }
        }

        return null;
    }

    private async Task<Protocol.AdaptiveCards.AdaptiveCard> CardAsync(Team team, TeamDigestSettings settings, CancellationToken cancellationToken)
    {
        var digest = await composer.ComposeAsync(team, settings, cancellationToken);
        return DigestCard.Create(digest, digest.Shows(DigestSection.Chart) ? ChartUrl(team, digest) : null);
    }

    /// <summary>
    /// A link the bot serves, unguessable and expiring; without a known public address (a scheduled run has no request
    /// to learn it from) the picture travels inline when it is small enough.
    /// </summary>
    private string? ChartUrl(Team team, EngagementDigest digest)
    {
        var baseUrl = DownloadEndpoints.BaseUrl(downloadOptions.Value, http.HttpContext?.Request);
        if (baseUrl.Length > 0)
        {
            return $"{baseUrl}{DigestChartEndpoint.Path}/{tokens.IssueDigestChart(team.TeamId, digest.Today, BotLanguage.Current.Name)}";
        }

        var png = EngagementChart.Render(digest.Chart, Texts.DigestChartTitle, BotLanguage.Current);
        return png.Length <= MaxInlineChartBytes ? "data:image/png;base64," + Convert.ToBase64String(png) : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest of team {TeamId} for {Date} queued ({Trigger})")]
    private static partial void LogQueued(ILogger logger, string teamId, DateOnly date, string trigger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest of team {TeamId} for {Date} was already sent; nothing sent again")]
    private static partial void LogAlreadySent(ILogger logger, string teamId, DateOnly date);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest of team {TeamId} for {Date} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string teamId, DateOnly date, string reason);
}

/// <summary>The thin Quartz adapter: one team per firing, so a failing team never holds up another.</summary>
public sealed class DailyDigestJob(DailyDigest digest) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        new(digest.SendScheduledAsync(context.MergedJobDataMap.GetString(DigestScheduler.TeamIdKey)!, cancellationToken));
}
