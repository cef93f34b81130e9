using Bot.Localization;
using Bot.Persistence;
using Bot.Posts;
using Bot.Teams;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;

namespace Bot.Reminders;

public sealed record RemindersCommand : ChatCommand;

public sealed record SnoozeCommand(string PostId, TimeSpan Duration) : ChatCommand;

public sealed record ReminderSettingsCommand : ChatCommand;

/// <summary><c>reminders</c>: the pending reminders about posts I wrote, review, or look after, soonest first.</summary>
public sealed class RemindersHandler(BotDbContext database, ReminderScheduler scheduler, TimeProvider timeProvider) : ICommandHandler<RemindersCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("reminders", "reminders", "erinnerungen", () => Texts.CommandRemindersDescription, CommandDefinition.TeamScopes, "", "", _ => new RemindersCommand())
        {
            Order = 220,
            ShowInMenu = false,
        }.Route<RemindersCommand, RemindersHandler>();

    public async Task HandleAsync(RemindersCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        var (team, actor, _) = turn.Actor;
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
            await turn.ReplyAsync(Texts.RemindersEmpty, cancellationToken);
            return;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);
        var now = timeProvider.GetUtcNow();
        var lines = planned.Take(20).Select(p => "- " + Texts.FormatReminderLine(
            PostCards.InstantFromNow(p.At, zone, now),
            ReminderDisplayNames.Reminder(p.Kind),
            posts[p.PostId].WorkingTitle,
            PostWorkflow.ShortId(p.PostId)));
        await turn.ReplyAsync($"**{Texts.RemindersTitle}**\n\n{string.Join("\n", lines)}", cancellationToken);
    }
}

/// <summary>
/// <c>snooze id 2h</c>: postpones the post's next pending reminder. The author, a reviewer of the post, whoever looks
/// after one of its social channels, or a coordinator may snooze.
/// </summary>
public sealed partial class SnoozeHandler(
    PostWorkflow workflow,
    BotDbContext database,
    ReminderScheduler scheduler,
    TimeProvider timeProvider,
    ILogger<SnoozeHandler> logger) : ICommandHandler<SnoozeCommand>
{
    private static readonly PostReminder[] Snoozable = [PostReminder.Review, PostReminder.PublishFollowUp, PostReminder.Deadline];

    public static CommandDefinition Command { get; } =
        new CommandDefinition("snooze", "snooze", "später", () => Texts.CommandSnoozeDescription, CommandDefinition.TeamScopes, "id 2h", "id 2h", CommandArguments.Snooze)
        {
            Order = 230,
            ShowInMenu = false,
            Aliases = ["spaeter", "schlummern"],
        }.Route<SnoozeCommand, SnoozeHandler>();

    public async Task HandleAsync(SnoozeCommand command, CommandTurn turn, CancellationToken cancellationToken) =>
        await turn.ReplyAsync(await SnoozeAsync(turn.Actor, command, cancellationToken), cancellationToken);

    private async Task<string> SnoozeAsync(TeamActor acting, SnoozeCommand snooze, CancellationToken cancellationToken)
    {
        var (team, actor, role) = acting;
        var found = await workflow.FindByShortIdAsync(team.TeamId, snooze.PostId, actor, cancellationToken);
        if (found.Post is not { } post)
        {
            return Texts.RefusalNotFound;
        }

        var channelIds = post.Variants.Select(v => v.SocialChannelId).ToList();
        var looksAfter = await database.Assignments.AsNoTracking()
            .AnyAsync(a => a.TeamId == team.TeamId && a.AadObjectId == actor && channelIds.Contains(a.SocialChannelId), cancellationToken);
        if (!(AadIds.Same(post.AuthorAadObjectId, actor) || post.Reviewers.Contains(actor, AadIds.Comparer) || looksAfter || role.CanManageTeam()))
        {
            return Texts.SnoozeNotYours;
        }

        var now = timeProvider.GetUtcNow();
        var until = now + snooze.Duration;
        foreach (var kind in Snoozable)
        {
            if (await scheduler.PostponeAsync(kind, post.Id, until, cancellationToken))
            {
                LogSnoozed(logger, post.Id, actor, kind);
                return Texts.FormatSnoozed(post.WorkingTitle, PostCards.InstantFromNow(until, TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId), now));
            }
        }

        return Texts.FormatSnoozeNothingPending(post.WorkingTitle);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId}: {Kind} reminder snoozed by {ActorAadObjectId}")]
    private static partial void LogSnoozed(ILogger logger, Guid postId, string actorAadObjectId, PostReminder kind);
}

/// <summary><c>settings</c>: the team's reminder settings form, for coordinators.</summary>
public sealed class ReminderSettingsHandler(ReminderSettingsStore settingsStore) : ICommandHandler<ReminderSettingsCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("settings", "settings", "einstellungen", () => Texts.CommandSettingsDescription, CommandDefinition.TeamScopes, "", "", _ => new ReminderSettingsCommand())
        {
            Order = 240,
            ShowInMenu = false,
            Requires = ActorRequirement.Coordinator,
        }.Route<ReminderSettingsCommand, ReminderSettingsHandler>();

    public async Task HandleAsync(ReminderSettingsCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        var team = turn.Actor.Team;
        var settings = await settingsStore.SettingsOfAsync(team.TeamId, cancellationToken);
        await turn.ReplyAsync(ReminderCards.Settings(settings, team.TimeZoneId), cancellationToken);
    }
}
