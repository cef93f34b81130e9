using Bot.Delivery;
using Bot.Localization;
using Bot.Protocol.Builder;
using Bot.Teams;
using Bot.Turns;

namespace Bot.Staffing;

/// <summary>
/// The team commands (social channels, roles, assignments, absences, goals, overviews): resolves people and social
/// channels, calls <see cref="AssignmentService"/>, answers in the writer's language and tells whoever is affected.
/// </summary>
public sealed class TeamCommands(
    TeamDirectory teams,
    TeamRoster roster,
    AssignmentService assignments,
    StaffingOverview overview,
    Notifier notifier,
    TimeProvider timeProvider)
{
    public static bool Handles(ChatCommand command) => command is AddSocialChannelCommand or AssignCommand or UnassignCommand
        or SetRoleCommand or AwayCommand or AwayFormCommand or SetGoalCommand or OverviewCommand or MyChannelsCommand;

    public async Task HandleAsync(ITurnContext turn, ChatCommand command, Team? activityTeam, BotTexts texts, CancellationToken cancellationToken)
    {
        var team = await teams.ResolveTeamAsync(turn.Activity, activityTeam, cancellationToken);
        var actor = turn.Activity.From?.AadObjectId;
        if (team is null || actor is null)
        {
            await turn.SendActivityAsync(texts.NeedsTeam, cancellationToken);
            return;
        }

        var context = new CommandContext(turn, team, actor, activityTeam is not null, texts);
        // AssignmentService checks the role again on every change; asking here first spares a refused coordinator-only
        // command the member lookups in Teams.
        var role = await teams.RoleOfAsync(team.TeamId, actor, cancellationToken);
        var reply = command switch
        {
            OverviewCommand => await OverviewAsync(context, cancellationToken),
            MyChannelsCommand => await MyChannelsAsync(context, cancellationToken),
            AwayCommand away => await AwayAsync(context, away, cancellationToken),
            AwayFormCommand => await AbsenceFormAsync(context, cancellationToken),
            _ when !role.CanManageTeam() => texts.NotCoordinator(texts.RoleName(role)),
            AddSocialChannelCommand add => await AddSocialChannelAsync(context, add, cancellationToken),
            AssignCommand assign => await AssignAsync(context, assign, cancellationToken),
            UnassignCommand unassign => await UnassignAsync(context, unassign, cancellationToken),
            SetRoleCommand setRole => await SetRoleAsync(context, setRole, cancellationToken),
            SetGoalCommand goal => await SetGoalAsync(context, goal, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a team command."),
        };
        if (reply is not null)
        {
            await turn.SendActivityAsync(reply, cancellationToken);
        }
    }

    /// <summary>The absence form's submit, with the same rules as the typed command.</summary>
    public async Task<string> RecordAbsenceAsync(ITurnContext turn, Team? activityTeam, AwayCommand away, BotTexts texts, CancellationToken cancellationToken)
    {
        var team = await teams.ResolveTeamAsync(turn.Activity, activityTeam, cancellationToken);
        var actor = turn.Activity.From?.AadObjectId;
        return team is null || actor is null
            ? texts.NeedsTeam
            : await AwayAsync(new CommandContext(turn, team, actor, activityTeam is not null, texts), away, cancellationToken);
    }

    private async Task<string?> AbsenceFormAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var members = await roster.FirstMembersAsync(context.Team, context.Turn.Activity.ServiceUrl!, cancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(context.Team.TimeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), zone).DateTime);
        var card = AbsenceFormCard.Create(context.Texts, members, context.Turn.Activity.From?.Id ?? string.Empty, today);
        await context.Turn.SendActivityAsync(MessageFactory.Attachment(card.ToAttachment()), cancellationToken);
        return null;
    }

    private async Task<string?> OverviewAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var rows = await overview.ForTeamAsync(context.Team, timeProvider.GetUtcNow(), cancellationToken);
        await context.Turn.SendActivityAsync(MessageFactory.Attachment(StaffingCards.Overview(rows, context.Texts).ToAttachment()), cancellationToken);
        return null;
    }

    private async Task<string?> MyChannelsAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var mine = await overview.ForPersonAsync(context.Team, context.Actor, timeProvider.GetUtcNow(), cancellationToken);
        await context.Turn.SendActivityAsync(MessageFactory.Attachment(StaffingCards.Mine(mine, context.Texts).ToAttachment()), cancellationToken);
        return null;
    }

    private async Task<string> AddSocialChannelAsync(CommandContext context, AddSocialChannelCommand add, CancellationToken cancellationToken)
    {
        var (outcome, channel) = await assignments.AddSocialChannelAsync(context.Team.TeamId, context.Actor, add.Platform, add.Handle, add.Url, cancellationToken);
        return outcome switch
        {
            ChangeOutcome.Done => await NoteAsync(context, context.Texts.SocialChannelAdded(channel!.DisplayName), texts => texts.SocialChannelAdded(channel.DisplayName), cancellationToken),
            ChangeOutcome.AlreadyExists => context.Texts.SocialChannelExists(channel!.DisplayName),
            _ => await NotCoordinatorAsync(context, cancellationToken),
        };
    }

    private async Task<string> AssignAsync(CommandContext context, AssignCommand assign, CancellationToken cancellationToken)
    {
        var (problem, member, channel) = await ResolveAsync(context, assign.Person, assign.SocialChannel, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await assignments.AssignAsync(context.Team.TeamId, context.Actor, member!.AadObjectId, channel!, assign.Kind, cancellationToken);
        if (outcome == ChangeOutcome.NotCoordinator)
        {
            return await NotCoordinatorAsync(context, cancellationToken);
        }

        var owner = assign.Kind == AssignmentKind.Owner;
        string Confirmation(BotTexts texts) => owner ? texts.Assigned(member.Name, channel!.DisplayName) : texts.BackupAdded(member.Name, channel!.DisplayName);
        if (outcome == ChangeOutcome.Done)
        {
            await TellAsync(context, member, texts => owner
                ? texts.PersonalAssignedNote(ActorName(context), channel!.DisplayName, TeamName(context.Team, texts))
                : texts.PersonalBackupNote(ActorName(context), channel!.DisplayName, TeamName(context.Team, texts)), cancellationToken);
        }

        return await NoteAsync(context, Confirmation(context.Texts), Confirmation, cancellationToken);
    }

    private async Task<string> UnassignAsync(CommandContext context, UnassignCommand unassign, CancellationToken cancellationToken)
    {
        var (problem, member, channel) = await ResolveAsync(context, unassign.Person, unassign.SocialChannel, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await assignments.UnassignAsync(context.Team.TeamId, context.Actor, member!.AadObjectId, channel!, cancellationToken);
        switch (outcome)
        {
            case ChangeOutcome.NotCoordinator:
                return await NotCoordinatorAsync(context, cancellationToken);
            case ChangeOutcome.NotAssigned:
                return context.Texts.NotAssigned(member.Name, channel!.DisplayName);
        }

        await TellAsync(context, member, texts => texts.PersonalUnassignedNote(ActorName(context), channel!.DisplayName, TeamName(context.Team, texts)), cancellationToken);
        return await NoteAsync(context, context.Texts.Unassigned(member.Name, channel!.DisplayName), texts => texts.Unassigned(member.Name, channel.DisplayName), cancellationToken);
    }

    private async Task<string> SetRoleAsync(CommandContext context, SetRoleCommand command, CancellationToken cancellationToken)
    {
        var (problem, member) = await ResolvePersonAsync(context, command.Person, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (await assignments.SetRoleAsync(context.Team.TeamId, context.Actor, member!.AadObjectId, command.Role, cancellationToken) == ChangeOutcome.NotCoordinator)
        {
            return await NotCoordinatorAsync(context, cancellationToken);
        }

        await TellAsync(context, member, texts => texts.PersonalRoleNote(ActorName(context), TeamName(context.Team, texts), texts.RoleName(command.Role)), cancellationToken);
        return await NoteAsync(context, context.Texts.RoleSet(member.Name, context.Texts.RoleName(command.Role)), texts => texts.RoleSet(member.Name, texts.RoleName(command.Role)), cancellationToken);
    }

    private async Task<string> AwayAsync(CommandContext context, AwayCommand away, CancellationToken cancellationToken)
    {
        var (problem, member) = await ResolvePersonAsync(context, away.Person, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        TeamMember? cover = null;
        if (away.Cover is not null)
        {
            (problem, cover) = await ResolvePersonAsync(context, away.Cover, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
        }

        var outcome = await assignments.RecordAbsenceAsync(context.Team.TeamId, context.Actor, member!.AadObjectId, away.FirstDay, away.LastDay, cover?.AadObjectId, cancellationToken);
        if (outcome == ChangeOutcome.NotCoordinator)
        {
            return context.Texts.AbsenceForOthersNeedsCoordinator;
        }

        if (cover is not null)
        {
            await TellAsync(context, cover, texts => texts.PersonalCoverNote(ActorName(context), member.Name, texts.Date(away.FirstDay), texts.Date(away.LastDay), TeamName(context.Team, texts)), cancellationToken);
        }

        string Confirmation(BotTexts texts) => cover is null
            ? texts.AbsenceRecordedWithoutCover(member.Name, texts.Date(away.FirstDay), texts.Date(away.LastDay))
            : texts.AbsenceRecorded(member.Name, texts.Date(away.FirstDay), texts.Date(away.LastDay), cover.Name);
        return await NoteAsync(context, Confirmation(context.Texts), Confirmation, cancellationToken);
    }

    private async Task<string> SetGoalAsync(CommandContext context, SetGoalCommand goal, CancellationToken cancellationToken)
    {
        var (problem, channel) = await ResolveSocialChannelAsync(context, goal.SocialChannel, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (await assignments.SetGoalAsync(context.Team.TeamId, context.Actor, channel!, goal.PostsPerWeek, goal.EngagementRate, cancellationToken) == ChangeOutcome.NotCoordinator)
        {
            return await NotCoordinatorAsync(context, cancellationToken);
        }

        string Confirmation(BotTexts texts) => goal.EngagementRate is { } rate
            ? texts.GoalSetWithEngagement(channel!.DisplayName, goal.PostsPerWeek, texts.Percent(rate))
            : texts.GoalSet(channel!.DisplayName, goal.PostsPerWeek);
        return await NoteAsync(context, Confirmation(context.Texts), Confirmation, cancellationToken);
    }

    private async Task<(string? Problem, TeamMember? Member, SocialChannel? Channel)> ResolveAsync(CommandContext context, PersonReference person, SocialChannelReference reference, CancellationToken cancellationToken)
    {
        var (channelProblem, channel) = await ResolveSocialChannelAsync(context, reference, cancellationToken);
        if (channelProblem is not null)
        {
            return (channelProblem, null, null);
        }

        var (personProblem, member) = await ResolvePersonAsync(context, person, cancellationToken);
        return (personProblem, member, channel);
    }

    private async Task<(string? Problem, SocialChannel? Channel)> ResolveSocialChannelAsync(CommandContext context, SocialChannelReference reference, CancellationToken cancellationToken)
    {
        var texts = context.Texts;
        var platformWord = PlatformNames.Display(reference.Platform).ToLowerInvariant();
        return await assignments.FindSocialChannelAsync(context.Team.TeamId, reference, cancellationToken) switch
        {
            SocialChannelFound found => (null, found.SocialChannel),
            SeveralSocialChannels several => (texts.AmbiguousSocialChannel(
                PlatformNames.Display(reference.Platform),
                string.Join(", ", several.Candidates.Select(c => c.Handle)),
                $"{platformWord} {several.Candidates[0].Handle}"), null),
            _ => (texts.UnknownSocialChannel(PlatformNames.Display(reference.Platform), platformWord), null),
        };
    }

    private async Task<(string? Problem, TeamMember? Member)> ResolvePersonAsync(CommandContext context, PersonReference person, CancellationToken cancellationToken) =>
        await roster.FindAsync(context.Team, context.Turn.Activity.ServiceUrl!, person, cancellationToken) switch
        {
            MemberFound found => (null, found.Member),
            NotInTeam missing => (context.Texts.PersonNotInTeam(missing.Name), null),
            SeveralNamed several => (context.Texts.PersonAmbiguous(several.Name, string.Join(", ", several.Candidates)), null),
            NobodyNamed nobody => (context.Texts.PersonNotFound(nobody.Name), null),
            var other => throw new System.Diagnostics.UnreachableException(other.GetType().Name),
        };

    private Task TellAsync(CommandContext context, TeamMember member, Func<BotTexts, string> message, CancellationToken cancellationToken) =>
        member.AadObjectId == context.Actor
            ? Task.CompletedTask
            : notifier.TellPersonAsync(context.Team, member, context.Turn.Activity.Recipient!, context.Turn.Activity.ServiceUrl!, message, cancellationToken);

    /// <summary>Written in the team's channel, the reply is the team's note; from a personal chat, the channel gets one too.</summary>
    private async Task<string> NoteAsync(CommandContext context, string reply, Func<BotTexts, string> teamNote, CancellationToken cancellationToken)
    {
        if (!context.WrittenInTeam)
        {
            await notifier.TellTeamAsync(context.Team, context.Turn.Activity.ServiceUrl!, teamNote, cancellationToken);
        }

        return reply;
    }

    private async Task<string> NotCoordinatorAsync(CommandContext context, CancellationToken cancellationToken) =>
        context.Texts.NotCoordinator(context.Texts.RoleName(await teams.RoleOfAsync(context.Team.TeamId, context.Actor, cancellationToken)));

    private static string ActorName(CommandContext context) => context.Turn.Activity.From?.Name ?? "?";

    /// <summary>Teams sends a team's name only with some events; until one arrives, "your team" reads fine.</summary>
    private static string TeamName(Team team, BotTexts texts) => team.Name ?? texts.YourTeam;

    private sealed record CommandContext(ITurnContext Turn, Team Team, string Actor, bool WrittenInTeam, BotTexts Texts);
}
