using System.Globalization;
using Bot.Localization;
using Bot.Persistence;
using Bot.Posts;
using Bot.Protocol.AdaptiveCards;
using Bot.Protocol.Builder;
using Bot.Teams;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;

namespace Bot.Reminders;

/// <summary>
/// Reminders in the chat: what is planned for me, snoozing one, the team's settings, and the buttons on reminder cards
/// (mark published, move a missed slot, withdraw). Card data is untrusted: every click is checked again on the server.
/// </summary>
public sealed partial class ReminderChat(
    PostWorkflow workflow,
    TeamDirectory teams,
    BotDbContext database,
    ReminderScheduler scheduler,
    ReminderSettingsStore settingsStore,
    Digest.DigestRescheduling digestRescheduling,
    TimeProvider timeProvider,
    ILogger<ReminderChat> logger)
{
    private static readonly PostReminder[] Snoozable = [PostReminder.Review, PostReminder.PublishFollowUp, PostReminder.Deadline];

    public static bool Handles(ChatCommand command) => command is RemindersCommand or SnoozeCommand or ReminderSettingsCommand;

    public async Task HandleAsync(ITurnContext turn, ChatCommand command, Team? activityTeam, BotTexts texts, CancellationToken cancellationToken)
    {
        var team = await teams.ResolveTeamAsync(turn.Activity, activityTeam, cancellationToken);
        var actor = turn.Activity.From?.AadObjectId;
        if (team is null || actor is null)
        {
            await turn.SendActivityAsync(texts.NeedsTeam, cancellationToken);
            return;
        }

        switch (command)
        {
            case RemindersCommand:
                await turn.SendActivityAsync(await PlannedForAsync(team, actor, texts, cancellationToken), cancellationToken);
                break;
            case SnoozeCommand snooze:
                await turn.SendActivityAsync(await SnoozeAsync(team, actor, snooze, texts, cancellationToken), cancellationToken);
                break;
            case ReminderSettingsCommand:
                var role = await teams.RoleOfAsync(team.TeamId, actor, cancellationToken);
                if (!role.CanManageTeam())
                {
                    await turn.SendActivityAsync(texts.NotCoordinator(texts.RoleName(role)), cancellationToken);
                    return;
                }

                var settings = await settingsStore.SettingsOfAsync(team.TeamId, cancellationToken);
                await turn.SendActivityAsync(MessageFactory.Attachment(ReminderCards.Settings(texts, settings, team.TimeZoneId).ToAttachment()), cancellationToken);
                break;
        }
    }

    /// <summary>The pending reminders about posts I wrote, review, or look after, soonest first.</summary>
    private async Task<string> PlannedForAsync(Team team, string actor, BotTexts texts, CancellationToken cancellationToken)
    {
        var finished = new[] { PostStatus.Published, PostStatus.Rejected, PostStatus.Withdrawn };
        var myChannels = await database.Assignments.AsNoTracking()
            .Where(a => a.TeamId == team.TeamId && a.AadObjectId == actor)
            .Select(a => a.SocialChannelId)
            .ToListAsync(cancellationToken);
        var posts = (await database.Posts.AsNoTracking().Where(p => p.TeamId == team.TeamId && !finished.Contains(p.Status)).ToListAsync(cancellationToken))
            .Where(p => AadIds.Same(p.AuthorAadObjectId, actor)
                || p.Reviewers.Contains(actor, AadIds.Comparer)
                || p.Variants.Any(v => myChannels.Contains(v.SocialChannelId)))
            .ToDictionary(p => p.Id);
        var planned = await scheduler.PlannedForAsync(posts.Keys, cancellationToken);
        if (planned.Count == 0)
        {
            return texts.RemindersEmpty;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);
        var now = timeProvider.GetUtcNow();
        var lines = planned.Take(20).Select(p => "- " + texts.ReminderLine(
            PostCards.InstantFromNow(texts, p.At, zone, now),
            texts.PostReminderName(p.Kind),
            posts[p.PostId].WorkingTitle,
            PostWorkflow.ShortId(p.PostId)));
        return $"**{texts.RemindersTitle}**\n\n{string.Join("\n", lines)}";
    }

    /// <summary>The author, a reviewer of the post, whoever looks after one of its social channels, or a coordinator may snooze.</summary>
    private async Task<string> SnoozeAsync(Team team, string actor, SnoozeCommand snooze, BotTexts texts, CancellationToken cancellationToken)
    {
        var found = await workflow.FindByShortIdAsync(team.TeamId, snooze.PostId, actor, cancellationToken);
        if (found.Post is not { } post)
        {
            return texts.RefusalNotFound;
        }

        var role = await teams.RoleOfAsync(team.TeamId, actor, cancellationToken);
        var channelIds = post.Variants.Select(v => v.SocialChannelId).ToList();
        var looksAfter = await database.Assignments.AsNoTracking()
            .AnyAsync(a => a.TeamId == team.TeamId && a.AadObjectId == actor && channelIds.Contains(a.SocialChannelId), cancellationToken);
        if (!(AadIds.Same(post.AuthorAadObjectId, actor) || post.Reviewers.Contains(actor, AadIds.Comparer) || looksAfter || role.CanManageTeam()))
        {
            return texts.SnoozeNotYours;
        }

        var now = timeProvider.GetUtcNow();
        var until = now + snooze.Duration;
        foreach (var kind in Snoozable)
        {
            if (await scheduler.PostponeAsync(kind, post.Id, until, cancellationToken))
            {
                LogSnoozed(logger, post.Id, actor, kind);
                return texts.Snoozed(post.WorkingTitle, PostCards.InstantFromNow(texts, until, TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId), now));
            }
        }

        return texts.SnoozeNothingPending(post.WorkingTitle);
    }

    /// <summary>"Mark published" on a due-now card: the same rule as the typed <c>published</c> command.</summary>
    public async Task<AdaptiveCard> MarkPublishedAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var texts = request.Texts;
        if (await ContextOfAsync(request, cancellationToken) is not var (team, actor)
            || !Guid.TryParseExact(request.Input(PostCards.PostIdData), "D", out var postId)
            || !int.TryParse(request.Input(ReminderCards.SocialChannelData), NumberStyles.None, CultureInfo.InvariantCulture, out var socialChannelId))
        {
            return PostCards.Notice(texts.RefusalNotFound);
        }

        var result = await workflow.MarkPublishedAsync(team.TeamId, postId, actor, socialChannelId, request.Input(ReminderCards.LiveUrlInput) ?? string.Empty, cancellationToken);
        if (result.Post is null)
        {
            return PostCards.Notice(texts.RefusalNotFound);
        }

        if (!result.Succeeded)
        {
            return PostCards.Notice(RefusalText(texts, result));
        }

        var platform = result.Post.Variants.First(v => v.SocialChannelId == socialChannelId).Platform;
        return PostCards.Notice(texts.PostPublishedRecorded(Staffing.PlatformNames.Display(platform), PostCards.StatusName(texts, result.Post.Status)));
    }

    /// <summary>The missed-slot card's "Move": a new date and time in the team's zone, in the future.</summary>
    public async Task<AdaptiveCard> MoveSlotAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var texts = request.Texts;
        if (await ContextOfAsync(request, cancellationToken) is not var (team, actor) || !Guid.TryParseExact(request.Input(PostCards.PostIdData), "D", out var postId))
        {
            return PostCards.Notice(texts.RefusalNotFound);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);
        var current = await workflow.FindAsync(team.TeamId, postId, actor, cancellationToken);
        if (current.Post is not { } post)
        {
            return PostCards.Notice(texts.RefusalNotFound);
        }

        var now = timeProvider.GetUtcNow();
        AdaptiveCard Again(string notice) => ReminderCards.MissedSlot(
            texts, post, PostWorkflow.ShortId(post.Id), post.PlannedPublishAt is { } at ? PostCards.Instant(texts, at, zone) : texts.PostNotPlanned, zone, now, notice);
        if (!TryReadLocalTime(request.Input(ReminderCards.NewDateInput), request.Input(ReminderCards.NewTimeInput), zone, out var publishAt))
        {
            return Again(texts.DraftProblemInvalidTime);
        }

        if (publishAt <= now)
        {
            return Again(texts.DraftProblemTimeInPast);
        }

        var result = await workflow.MoveSlotAsync(team.TeamId, postId, actor, publishAt, cancellationToken);
        if (result.Post is null)
        {
            return PostCards.Notice(texts.RefusalNotFound);
        }

        return result.Succeeded
            ? PostCards.Notice(texts.SlotMoved(result.Post.WorkingTitle, PostCards.Instant(texts, publishAt, zone)))
            : Again(RefusalText(texts, result));
    }

    /// <summary>The missed-slot card's "Withdraw": only the author withdraws (the post's own rule).</summary>
    public async Task<AdaptiveCard> WithdrawAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var texts = request.Texts;
        if (await ContextOfAsync(request, cancellationToken) is not var (team, actor) || !Guid.TryParseExact(request.Input(PostCards.PostIdData), "D", out var postId))
        {
            return PostCards.Notice(texts.RefusalNotFound);
        }

        var result = await workflow.WithdrawAsync(team.TeamId, postId, actor, cancellationToken);
        return result.Post is null
            ? PostCards.Notice(texts.RefusalNotFound)
            : PostCards.Notice(result.Succeeded ? texts.PostWithdrawn(result.Post.WorkingTitle) : RefusalText(texts, result));
    }

    /// <summary>The settings form's "Save": coordinators only, every field checked here whatever the form allowed.</summary>
    public async Task<AdaptiveCard> SaveSettingsAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var texts = request.Texts;
        if (await ContextOfAsync(request, cancellationToken) is not var (team, actor))
        {
            return PostCards.Notice(texts.NeedsTeam);
        }

        var role = await teams.RoleOfAsync(team.TeamId, actor, cancellationToken);
        if (!role.CanManageTeam())
        {
            LogSettingsRefused(logger, team.TeamId, actor);
            return PostCards.Notice(texts.NotCoordinator(texts.RoleName(role)));
        }

        var stored = await settingsStore.SettingsOfAsync(team.TeamId, cancellationToken);
        var (settings, timeZoneId, problem) = ReadSettings(request, texts, stored, team.TimeZoneId);
        if (problem is not null)
        {
            return ReminderCards.Settings(texts, stored, team.TimeZoneId, problem);
        }

        await settingsStore.SaveAsync(team, settings, timeZoneId, actor, cancellationToken);
        LogSettingsSaved(logger, team.TeamId, actor);

        // The digest's cron trigger runs in the team's time zone.
        await digestRescheduling.AfterCommitAsync(team.TeamId, timeZoneId, cancellationToken);
        return ReminderCards.Settings(texts, settings, timeZoneId, texts.SettingsSaved);
    }

    private static (ReminderSettings Settings, string TimeZoneId, string? Problem) ReadSettings(CardActionRequest request, BotTexts texts, ReminderSettings stored, string storedZone)
    {
        var culture = CultureInfo.InvariantCulture;
        (ReminderSettings, string, string?) Refuse(string label) => (stored, storedZone, texts.SettingsInvalid(label));

        if (!int.TryParse(request.Input(ReminderCards.SlaInput), NumberStyles.None, culture, out var sla))
        {
            return Refuse(texts.SettingsSla);
        }

        if (!int.TryParse(request.Input(ReminderCards.DeadlineInput), NumberStyles.None, culture, out var deadline))
        {
            return Refuse(texts.SettingsDeadline);
        }

        if (!int.TryParse(request.Input(ReminderCards.PlanGapInput), NumberStyles.None, culture, out var planGap))
        {
            return Refuse(texts.SettingsPlanGap);
        }

        if (!TimeOnly.TryParseExact(request.Input(ReminderCards.WorkStartInput), ["HH:mm", "HH:mm:ss"], culture, DateTimeStyles.None, out var start))
        {
            return Refuse(texts.SettingsWorkStart);
        }

        if (!TimeOnly.TryParseExact(request.Input(ReminderCards.WorkEndInput), ["HH:mm", "HH:mm:ss"], culture, DateTimeStyles.None, out var end) || end <= start)
        {
            return Refuse(texts.SettingsWorkEnd);
        }

        var days = new List<DayOfWeek>();
        foreach (var part in Parts(request.Input(ReminderCards.WorkingDaysInput)))
        {
            if (!int.TryParse(part, NumberStyles.None, culture, out var day) || day > 6)
            {
                return Refuse(texts.SettingsWorkingDays);
            }

            days.Add((DayOfWeek)day);
        }

        var zoneId = request.Input(ReminderCards.TimeZoneInput)?.Trim() ?? string.Empty;
        if (zoneId.Length == 0 || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) || !zone.HasIanaId)
        {
            return Refuse(texts.SettingsTimeZone);
        }

        var holidays = new List<DateOnly>();
        foreach (var part in Parts(request.Input(ReminderCards.HolidaysInput)))
        {
            if (!DateOnly.TryParseExact(part, "yyyy-MM-dd", culture, DateTimeStyles.None, out var holiday) && !CommandArguments.TryParseDate(part, out holiday))
            {
                return Refuse(texts.SettingsHolidays);
            }

            holidays.Add(holiday);
        }

        var on = new HashSet<ReminderKind>();
        foreach (var part in Parts(request.Input(ReminderCards.KindsInput)))
        {
            if (!Enum.TryParse<ReminderKind>(part, ignoreCase: false, out var kind) || !Enum.IsDefined(kind))
            {
                return Refuse(texts.SettingsKinds);
            }

            on.Add(kind);
        }

        var settings = new ReminderSettings
        {
            ReviewSlaHours = sla,
            DeadlineHours = deadline,
            PlanGapDays = planGap,
            WorkStart = start,
            WorkEnd = end,
            WorkingDays = [.. days.Distinct().Order()],
            Holidays = [.. holidays.Distinct().Order()],
            SwitchedOff = [.. Enum.GetValues<ReminderKind>().Where(k => !on.Contains(k))],
        };
        return settings.Problems() is [var first, ..]
            ? Refuse(first switch
            {
                nameof(ReminderSettings.ReviewSlaHours) => texts.SettingsSla,
                nameof(ReminderSettings.DeadlineHours) => texts.SettingsDeadline,
                nameof(ReminderSettings.PlanGapDays) => texts.SettingsPlanGap,
                nameof(ReminderSettings.WorkingDays) => texts.SettingsWorkingDays,
                _ => texts.SettingsWorkEnd,
            })
            : (settings, zone.Id, null);
    }

    private static IEnumerable<string> Parts(string? input) =>
        (input ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Date and time in the team's zone; a time that does not exist there (the DST gap) is invalid.</summary>
    private static bool TryReadLocalTime(string? date, string? time, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        instant = default;
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !TimeOnly.TryParseExact(time, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
        {
            return false;
        }

        var local = day.ToDateTime(clock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return false;
        }

        instant = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        return true;
    }

    private static string RefusalText(BotTexts texts, PostWorkflowResult result) => result.Refusal switch
    {
        PostRefusalReason.NotAuthor => texts.RefusalNotAuthor,
        PostRefusalReason.RoleNotAllowed => texts.RefusalRoleNotAllowed(texts.RoleName(result.ActorRole ?? TeamRole.Viewer)),
        PostRefusalReason.WrongState => texts.RefusalWrongState(PostCards.StatusName(texts, result.Post!.Status)),
        PostRefusalReason.PublishTimeInPast => texts.DraftProblemTimeInPast,
        PostRefusalReason.NothingChanged => texts.RefusalNothingChanged,
        PostRefusalReason.InvalidLiveUrl => texts.RefusalInvalidLiveUrl,
        PostRefusalReason.AlreadyPublished => texts.RefusalAlreadyPublished,
        PostRefusalReason.AlreadyLive => texts.RefusalAlreadyLive,
        PostRefusalReason.UnknownSocialChannel => texts.RefusalUnknownSocialChannel,
        _ => texts.RefusalOther,
    };

    private async Task<(Team Team, string Actor)?> ContextOfAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var team = await teams.ResolveTeamAsync(request.Turn.Activity, request.Team, cancellationToken);
        var actor = request.Turn.Activity.From?.AadObjectId;
        return team is null || actor is null ? null : (team, actor);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId}: {Kind} reminder snoozed by {ActorAadObjectId}")]
    private static partial void LogSnoozed(ILogger logger, Guid postId, string actorAadObjectId, PostReminder kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder settings of team {TeamId} saved by {ActorAadObjectId}")]
    private static partial void LogSettingsSaved(ILogger logger, string teamId, string actorAadObjectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder settings of team {TeamId}: save refused to {ActorAadObjectId}, not a coordinator")]
    private static partial void LogSettingsRefused(ILogger logger, string teamId, string actorAadObjectId);
}
