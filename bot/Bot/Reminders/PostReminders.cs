using Bot.Delivery;
using Bot.Localization;
using Bot.Persistence;
using Bot.Posts;
using Bot.Staffing;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;

namespace Bot.Reminders;

/// <summary>
/// What a post's reminders follow: its state and planned time. The worker reads only these, not the post's texts,
/// revisions and audit trail, which a whole post brings along in six more statements.
/// </summary>
public sealed record PostReminderState(Guid PostId, string TeamId, PostStatus Status, DateTimeOffset? PlannedPublishAt, int Version);

/// <summary>
/// What the reminders of a post decide, as plain code with the bot's clock: which triggers a post needs after a
/// change, and what to say when one fires. Every firing reads the post again and says nothing about what is already
/// done, so a reminder that slipped past a cancellation is harmless.
/// </summary>
public sealed partial class PostReminders(
    BotDbContext database,
    ReminderScheduler scheduler,
    ReminderSettingsStore settingsStore,
    ReviewSettingsStore reviewSettings,
    TeamDirectory teams,
    Notifier notifier,
    TimeProvider timeProvider,
    ILogger<PostReminders> logger)
{
    // Compiled once: the worker reads the post's team for every post it plans.
    private static readonly Func<BotDbContext, string, CancellationToken, Task<Team>> TeamOf =
        EF.CompileAsyncQuery((BotDbContext db, string teamId, CancellationToken _) => db.Teams.AsNoTracking().Single(t => t.TeamId == teamId));

    /// <summary>A reminder to publish is repeated this long after the planned time while nothing is marked published.</summary>
    public static readonly TimeSpan PublishFollowUpDelay = TimeSpan.FromHours(2);

    /// <summary>How many review reminders go out before the coordinators are asked to step in.</summary>
    public const int ReviewRemindersBeforeEscalation = 2;

    /// <summary>
    /// Replaces the post's pending reminders with the ones its state needs now. <see cref="ReminderSyncWorker"/> calls it
    /// for every post whose reminders are behind its last committed change; a scheduler failure propagates, so the post
    /// stays behind and is tried again.
    /// </summary>
    public async Task PlanAsync(PostReminderState post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        await scheduler.CancelAllAsync(post.PostId, cancellationToken);
        if (post.Status.IsFinal())
        {
            return;
        }

        var team = await TeamOf(database, post.TeamId, cancellationToken);
        var settings = await settingsStore.SettingsOfAsync(post.TeamId, cancellationToken);
        foreach (var (kind, at) in ReminderPlanner.Plan(post.Status, post.PlannedPublishAt, settings, settings.Calendar(team.TimeZoneId), timeProvider.GetUtcNow()))
        {
            await scheduler.ScheduleAsync(kind, post.PostId, post.TeamId, at, count: 1, cancellationToken);
        }
    }

    /// <summary>The review reminder fired: remind who can decide now; after the second reminder, ask the coordinators.</summary>
    public async Task RemindReviewersAsync(Guid postId, int count, CancellationToken cancellationToken)
    {
        if (await LoadAsync(postId, cancellationToken) is not var (post, team, settings) || post.Status != PostStatus.InReview || !settings.IsOn(ReminderKind.Review))
        {
            return;
        }

        var policy = await reviewSettings.PolicyOfAsync(team.TeamId, cancellationToken);
        var waitingFor = policy.Evaluate(post).MayApproveNow.ToList();
        var shortId = PostWorkflow.ShortId(post.Id);
        var link = await ApprovalCardLinkAsync(post.Id, cancellationToken);
        var calendar = settings.Calendar(team.TimeZoneId);
        if (count <= ReviewRemindersBeforeEscalation)
        {
            // The next step is stored before anyone is told, so it counts from this firing, however long sending takes.
            var next = calendar.AddWorkingTime(timeProvider.GetUtcNow(), TimeSpan.FromHours(settings.ReviewSlaHours));
            await scheduler.ScheduleAsync(PostReminder.Review, post.Id, team.TeamId, next, count + 1, cancellationToken);
            foreach (var reviewer in waitingFor)
            {
                await notifier.TellPersonByIdAsync(team, reviewer, () => WithLink(Texts.FormatReminderReview(post.WorkingTitle, shortId), link), cancellationToken);
            }

            LogReminderSent(logger, nameof(PostReminder.Review), postId, count);
            return;
        }

        var names = await NamesAsync(waitingFor, cancellationToken);
        var coordinators = await NamesAsync(await teams.CoordinatorsAsync(team.TeamId, cancellationToken), cancellationToken);
        await notifier.TellTeamAsync(team, () => WithLink(Texts.FormatReminderEscalation(coordinators, post.WorkingTitle, shortId, names), link), cancellationToken);
        LogReminderSent(logger, "Escalation", postId, count);
    }

    /// <summary>The planned time is near and the post is not approved: an urgent note to the reviewers and the author.</summary>
    public async Task WarnDeadlineAsync(Guid postId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(postId, cancellationToken) is not var (post, team, settings)
            || post.Status is not (PostStatus.InReview or PostStatus.ChangesRequested)
            || post.PlannedPublishAt is not { } planned
            || !settings.IsOn(ReminderKind.Deadline))
        {
            return;
        }

        var policy = await reviewSettings.PolicyOfAsync(team.TeamId, cancellationToken);
        var people = policy.Evaluate(post).MayApproveNow.Append(post.AuthorAadObjectId).Distinct(StringComparer.OrdinalIgnoreCase);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);
        foreach (var person in people)
        {
            await notifier.TellPersonByIdAsync(team, person, () => Texts.FormatReminderDeadline(post.WorkingTitle, PostWorkflow.ShortId(post.Id), PostCards.Instant(planned, zone)), cancellationToken);
        }

        LogReminderSent(logger, nameof(PostReminder.Deadline), postId, 1);
    }

    /// <summary>
    /// The planned time has come. Approved: whoever looks after each social channel today is told to publish. Not
    /// approved: nothing goes out, and the author and reviewers are asked to move the slot or withdraw.
    /// </summary>
    public async Task PlannedTimeReachedAsync(Guid postId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(postId, cancellationToken) is not var (post, team, settings) || post.PlannedPublishAt is not { } planned)
        {
            return;
        }

        var shortId = PostWorkflow.ShortId(post.Id);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);
        if (post.Status is PostStatus.Approved or PostStatus.Scheduled)
        {
            await scheduler.ScheduleAsync(PostReminder.PublishFollowUp, post.Id, team.TeamId, timeProvider.GetUtcNow() + PublishFollowUpDelay, count: 1, cancellationToken);
            if (settings.IsOn(ReminderKind.DueNow))
            {
                await TellToPublishAsync(post, team, followUp: false, cancellationToken);
            }

            return;
        }

        if (post.Status is PostStatus.InReview or PostStatus.ChangesRequested or PostStatus.Draft && settings.IsOn(ReminderKind.MissedSlot))
        {
            var policy = await reviewSettings.PolicyOfAsync(team.TeamId, cancellationToken);
            var people = post.Status == PostStatus.Draft
                ? [post.AuthorAadObjectId]
                : policy.Evaluate(post).AllReviewers.Prepend(post.AuthorAadObjectId).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            foreach (var person in people)
            {
                await notifier.SendPersonallyAsync(team, person, () => ReminderCards.MissedSlot(post, shortId, PostCards.Instant(planned, zone), zone, timeProvider.GetUtcNow()), cancellationToken);
            }

            LogReminderSent(logger, "MissedSlot", postId, 1);
        }
    }

    /// <summary>Two hours after "due now" and still not every social channel is live: one more nudge.</summary>
    public async Task FollowUpPublishAsync(Guid postId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(postId, cancellationToken) is not var (post, team, settings)
            || post.Status is not (PostStatus.Approved or PostStatus.Scheduled)
            || !settings.IsOn(ReminderKind.DueNow))
        {
            return;
        }

        await TellToPublishAsync(post, team, followUp: true, cancellationToken);
    }

    /// <summary>The people responsible today for each social channel that is not live yet get the text and a "Mark published" button.</summary>
    private async Task TellToPublishAsync(Post post, Team team, bool followUp, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);
        var channels = await database.SocialChannels.AsNoTracking().Where(c => c.TeamId == team.TeamId).ToDictionaryAsync(c => c.Id, c => c.DisplayName, cancellationToken);
        foreach (var group in post.Variants.Where(v => !v.IsLive).GroupBy(v => v.SocialChannelId))
        {
            if (await ResponsibleForAsync(team, group.Key, now, zone, cancellationToken) is not { } person)
            {
                continue;
            }

            var variant = group.First();
            var name = channels.GetValueOrDefault(variant.SocialChannelId) ?? Staffing.PlatformNames.Display(variant.Platform);
            await notifier.SendPersonallyAsync(team, person, () => ReminderCards.DueNow(post, variant, name, followUp), cancellationToken);
        }

        LogReminderSent(logger, followUp ? nameof(PostReminder.PublishFollowUp) : "DueNow", post.Id, 1);
    }

    /// <summary>
    /// Social channels with a cadence goal and nothing planned for the next days get a note to whoever looks after
    /// them, in the first working hour of the team's day (the job runs hourly, so each team is seen once per morning).
    /// </summary>
    public async Task CheckPlanGapsAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var team in await database.Teams.AsNoTracking().ToListAsync(cancellationToken))
        {
            var settings = await settingsStore.SettingsOfAsync(team.TeamId, cancellationToken);
            var calendar = settings.Calendar(team.TimeZoneId);
            if (!settings.IsOn(ReminderKind.PlanGap) || !ReminderPlanner.IsFirstWorkingHour(calendar, now))
            {
                continue;
            }

            var goals = await database.CadenceGoals.AsNoTracking().Where(g => g.TeamId == team.TeamId && g.PostsPerWeek > 0).ToListAsync(cancellationToken);
            if (goals.Count == 0)
            {
                continue;
            }

            var until = now.AddDays(settings.PlanGapDays);
            var finished = new[] { PostStatus.Published, PostStatus.Rejected, PostStatus.Withdrawn };
            var planned = await database.Posts.AsNoTracking()
                .Where(p => p.TeamId == team.TeamId && !finished.Contains(p.Status) && p.PlannedPublishAt >= now && p.PlannedPublishAt <= until)
                .ToListAsync(cancellationToken);
            var covered = planned.SelectMany(p => p.Variants.Select(v => v.SocialChannelId)).ToHashSet();
            var zone = calendar.Zone;
            foreach (var goal in goals.Where(g => !covered.Contains(g.SocialChannelId)))
            {
                var channel = await database.SocialChannels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == goal.SocialChannelId && !c.IsArchived, cancellationToken);
                if (channel is null || await ResponsibleForAsync(team, channel.Id, now, zone, cancellationToken) is not { } person)
                {
                    continue;
                }

                await notifier.TellPersonByIdAsync(team, person, () => Texts.FormatReminderPlanGap(channel.DisplayName, settings.PlanGapDays, goal.PostsPerWeek), cancellationToken);
                LogPlanGap(logger, team.TeamId, channel.Id);
            }
        }
    }

    // The same staffing the `published` permission reads (PostWorkflow.MarkPublishedAsync), so whoever is nudged may act.
    private async Task<string?> ResponsibleForAsync(Team team, int socialChannelId, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken) =>
        ResponsibilityRouting.Resolve(await database.StaffingOfAsync(teams, team, socialChannelId, now, cancellationToken), now, zone)?.AadObjectId;

    private async Task<(Post Post, Team Team, ReminderSettings Settings)?> LoadAsync(Guid postId, CancellationToken cancellationToken)
    {
        var post = await database.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == postId, cancellationToken);
        if (post is null)
        {
            return null;
        }

        var team = await TeamOf(database, post.TeamId, cancellationToken);
        return (post, team, await settingsStore.SettingsOfAsync(team.TeamId, cancellationToken));
    }

    private async Task<string> NamesAsync(IReadOnlyCollection<string> aadObjectIds, CancellationToken cancellationToken)
    {
        var people = await database.People.AsNoTracking().Where(p => aadObjectIds.Contains(p.AadObjectId)).ToListAsync(cancellationToken);
        return string.Join(", ", aadObjectIds.Select(id => people.FirstOrDefault(p => AadIds.Same(p.AadObjectId, id))?.Name ?? id));
    }

    private static string WithLink(string message, string? link) =>
        link is null ? message : $"{message}\n\n{Texts.FormatReminderOpenCard(link)}";

    /// <summary>A Teams deep link to the approval card in the team's channel, when it was posted.</summary>
    private async Task<string?> ApprovalCardLinkAsync(Guid postId, CancellationToken cancellationToken)
    {
        var message = await database.PostApprovalMessages.AsNoTracking().SingleOrDefaultAsync(m => m.PostId == postId, cancellationToken);
        return message is null
            ? null
            : $"https://teams.microsoft.com/l/message/{Uri.EscapeDataString(message.ConversationId)}/{Uri.EscapeDataString(message.ActivityId)}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {Kind} sent for post {PostId} (number {Count})")]
    private static partial void LogReminderSent(ILogger logger, string kind, Guid postId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plan gap noted for social channel {SocialChannelId} in team {TeamId}")]
    private static partial void LogPlanGap(ILogger logger, string teamId, int socialChannelId);
}
