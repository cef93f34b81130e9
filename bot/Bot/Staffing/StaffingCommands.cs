using Bot.Localization;
using Bot.Teams;
using Bot.Turns;

namespace Bot.Staffing;

public sealed record OverviewCommand : ChatCommand;

public sealed record MyChannelsCommand : ChatCommand;

public sealed record AddSocialChannelCommand(Platform Platform, string Handle, string? Url) : ChatCommand;

public sealed record AssignCommand(PersonReference Person, SocialChannelReference SocialChannel, AssignmentKind Kind) : ChatCommand;

public sealed record UnassignCommand(PersonReference Person, SocialChannelReference SocialChannel) : ChatCommand;

public sealed record SetRoleCommand(PersonReference Person, TeamRole Role) : ChatCommand;

public sealed record SetGoalCommand(SocialChannelReference SocialChannel, int PostsPerWeek, decimal? EngagementRate) : ChatCommand;

/// <summary><c>who</c>: every social channel with its owner, backups, who covers today and the week's posts.</summary>
public sealed class OverviewHandler(StaffingOverview overview, TimeProvider timeProvider) : ICommandHandler<OverviewCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("who", "who", "wer", () => Texts.CommandWhoDescription, CommandDefinition.TeamScopes, "", "", _ => new OverviewCommand())
        {
            Order = 10,
            Aliases = ["owners", "zuständig", "zustaendig"],
        }.Route<OverviewCommand, OverviewHandler>();

    public async Task HandleAsync(OverviewCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        var rows = await overview.ForTeamAsync(turn.Actor.Team, timeProvider.GetUtcNow(), cancellationToken);
        await turn.ReplyAsync(StaffingCards.Overview(rows), cancellationToken);
    }
}

/// <summary><c>my channels</c>: the social channels the writer owns, backs up or covers.</summary>
public sealed class MyChannelsHandler(StaffingOverview overview, TimeProvider timeProvider) : ICommandHandler<MyChannelsCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("my-channels", "my channels", "meine kanäle", () => Texts.CommandMyChannelsDescription, CommandDefinition.TeamScopes, "", "", _ => new MyChannelsCommand())
        {
            Order = 20,
        }.Route<MyChannelsCommand, MyChannelsHandler>();

    public async Task HandleAsync(MyChannelsCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        var mine = await overview.ForPersonAsync(turn.Actor.Team, turn.Actor.AadObjectId, timeProvider.GetUtcNow(), cancellationToken);
        await turn.ReplyAsync(StaffingCards.Mine(mine), cancellationToken);
    }
}

/// <summary><c>assign</c> and <c>backup</c>: a person owns or backs up a social channel; they and the team are told.</summary>
public sealed class AssignHandler(AssignmentService assignments, StaffingConversation conversation) : ICommandHandler<AssignCommand>
{
    public static IReadOnlyList<CommandDefinition> Commands { get; } =
    [
        new CommandDefinition("assign", "assign", "zuweisen", () => Texts.CommandAssignDescription, CommandDefinition.TeamScopes, "@person platform [handle]", "@person plattform [handle]", args => CommandArguments.Assignment(args, AssignmentKind.Owner))
        {
            Order = 30,
            Requires = ActorRequirement.Coordinator,
        }.Route<AssignCommand, AssignHandler>(),
        new CommandDefinition("backup", "backup", "stellvertretung", () => Texts.CommandBackupDescription, CommandDefinition.TeamScopes, "@person platform [handle]", "@person plattform [handle]", args => CommandArguments.Assignment(args, AssignmentKind.Backup))
        {
            Order = 40,
            Requires = ActorRequirement.Coordinator,
        }.Route<AssignCommand, AssignHandler>(),
    ];

    public async Task HandleAsync(AssignCommand assign, CommandTurn turn, CancellationToken cancellationToken) =>
        await turn.ReplyAsync(await AssignAsync(assign, turn, cancellationToken), cancellationToken);

    private async Task<string> AssignAsync(AssignCommand assign, CommandTurn context, CancellationToken cancellationToken)
    {
        var (problem, member, channel) = await conversation.ResolveAsync(context, assign.Person, assign.SocialChannel, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await assignments.AssignAsync(context.Actor.Team.TeamId, context.Actor.AadObjectId, member!.AadObjectId, channel!, assign.Kind, cancellationToken);
        if (outcome == ChangeOutcome.NotCoordinator)
        {
            return await conversation.NotCoordinatorAsync(context, cancellationToken);
        }

        var owner = assign.Kind == AssignmentKind.Owner;
        string Confirmation() => owner ? Texts.FormatAssigned(member.Name, channel!.DisplayName) : Texts.FormatBackupAdded(member.Name, channel!.DisplayName);
        if (outcome == ChangeOutcome.Done)
        {
            var actorName = StaffingConversation.ActorName(context);
            await conversation.TellAsync(context, member, () => owner
                ? Texts.FormatPersonalAssignedNote(actorName, channel!.DisplayName, StaffingConversation.TeamName(context.Actor.Team))
                : Texts.FormatPersonalBackupNote(actorName, channel!.DisplayName, StaffingConversation.TeamName(context.Actor.Team)), cancellationToken);
        }

        return await conversation.NoteAsync(context, Confirmation(), Confirmation, cancellationToken);
    }
}

/// <summary><c>unassign</c>: a person no longer owns or backs up a social channel.</summary>
public sealed class UnassignHandler(AssignmentService assignments, StaffingConversation conversation) : ICommandHandler<UnassignCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("unassign", "unassign", "austragen", () => Texts.CommandUnassignDescription, CommandDefinition.TeamScopes, "@person platform [handle]", "@person plattform [handle]", CommandArguments.Unassignment)
        {
            Order = 50,
            ShowInMenu = false,
            Requires = ActorRequirement.Coordinator,
        }.Route<UnassignCommand, UnassignHandler>();

    public async Task HandleAsync(UnassignCommand unassign, CommandTurn turn, CancellationToken cancellationToken) =>
        await turn.ReplyAsync(await UnassignAsync(unassign, turn, cancellationToken), cancellationToken);

    private async Task<string> UnassignAsync(UnassignCommand unassign, CommandTurn context, CancellationToken cancellationToken)
    {
        var (problem, member, channel) = await conversation.ResolveAsync(context, unassign.Person, unassign.SocialChannel, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await assignments.UnassignAsync(context.Actor.Team.TeamId, context.Actor.AadObjectId, member!.AadObjectId, channel!, cancellationToken);
        switch (outcome)
        {
            case ChangeOutcome.NotCoordinator:
                return await conversation.NotCoordinatorAsync(context, cancellationToken);
            case ChangeOutcome.NotAssigned:
                return Texts.FormatNotAssigned(member.Name, channel!.DisplayName);
        }

        var actorName = StaffingConversation.ActorName(context);
        await conversation.TellAsync(context, member, () => Texts.FormatPersonalUnassignedNote(actorName, channel!.DisplayName, StaffingConversation.TeamName(context.Actor.Team)), cancellationToken);
        return await conversation.NoteAsync(context, Texts.FormatUnassigned(member.Name, channel!.DisplayName), () => Texts.FormatUnassigned(member.Name, channel.DisplayName), cancellationToken);
    }
}

/// <summary><c>role</c>: a coordinator gives someone a role in the team.</summary>
public sealed class SetRoleHandler(AssignmentService assignments, StaffingConversation conversation) : ICommandHandler<SetRoleCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("role", "role", "rolle", () => Texts.CommandRoleDescription, CommandDefinition.TeamScopes, "@person coordinator|editor|reviewer|viewer", "@person koordinator|redakteur|freigeber|leser", CommandArguments.Role)
        {
            Order = 80,
            Requires = ActorRequirement.Coordinator,
        }.Route<SetRoleCommand, SetRoleHandler>();

    public async Task HandleAsync(SetRoleCommand command, CommandTurn turn, CancellationToken cancellationToken) =>
        await turn.ReplyAsync(await SetRoleAsync(command, turn, cancellationToken), cancellationToken);

    private async Task<string> SetRoleAsync(SetRoleCommand command, CommandTurn context, CancellationToken cancellationToken)
    {
        var (problem, member) = await conversation.ResolvePersonAsync(context, command.Person, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (await assignments.SetRoleAsync(context.Actor.Team.TeamId, context.Actor.AadObjectId, member!.AadObjectId, command.Role, cancellationToken) == ChangeOutcome.NotCoordinator)
        {
            return await conversation.NotCoordinatorAsync(context, cancellationToken);
        }

        var actorName = StaffingConversation.ActorName(context);
        await conversation.TellAsync(context, member, () => Texts.FormatPersonalRoleNote(actorName, StaffingConversation.TeamName(context.Actor.Team), DisplayNames.Role(command.Role)), cancellationToken);
        return await conversation.NoteAsync(context, Texts.FormatRoleSet(member.Name, DisplayNames.Role(command.Role)), () => Texts.FormatRoleSet(member.Name, DisplayNames.Role(command.Role)), cancellationToken);
    }
}

/// <summary><c>add account</c>: a new social channel (platform account) for the team.</summary>
public sealed class AddSocialChannelHandler(AssignmentService assignments, StaffingConversation conversation) : ICommandHandler<AddSocialChannelCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("add-account", "add account", "konto anlegen", () => Texts.CommandAddAccountDescription, CommandDefinition.TeamScopes, "platform handle [url]", "plattform handle [url]", CommandArguments.AddSocialChannel)
        {
            Order = 70,
            Requires = ActorRequirement.Coordinator,
        }.Route<AddSocialChannelCommand, AddSocialChannelHandler>();

    public async Task HandleAsync(AddSocialChannelCommand add, CommandTurn turn, CancellationToken cancellationToken)
    {
        var (outcome, channel) = await assignments.AddSocialChannelAsync(turn.Actor.Team.TeamId, turn.Actor.AadObjectId, add.Platform, add.Handle, add.Url, cancellationToken);
        var reply = outcome switch
        {
            ChangeOutcome.Done => await conversation.NoteAsync(turn, Texts.FormatSocialChannelAdded(channel!.DisplayName), () => Texts.FormatSocialChannelAdded(channel.DisplayName), cancellationToken),
            ChangeOutcome.AlreadyExists => Texts.FormatSocialChannelExists(channel!.DisplayName),
            _ => await conversation.NotCoordinatorAsync(turn, cancellationToken),
        };
        await turn.ReplyAsync(reply, cancellationToken);
    }
}

/// <summary><c>goal</c>: a social channel's weekly cadence and, optionally, its engagement-rate goal.</summary>
public sealed class SetGoalHandler(AssignmentService assignments, StaffingConversation conversation) : ICommandHandler<SetGoalCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("goal", "goal", "ziel", () => Texts.CommandGoalDescription, CommandDefinition.TeamScopes, "platform [handle] 3/week [engagement 4%]", "plattform [handle] 3/woche [engagement 4%]", CommandArguments.Goal)
        {
            Order = 270,
            Requires = ActorRequirement.Coordinator,
        }.Route<SetGoalCommand, SetGoalHandler>();

    public async Task HandleAsync(SetGoalCommand goal, CommandTurn turn, CancellationToken cancellationToken) =>
        await turn.ReplyAsync(await SetGoalAsync(goal, turn, cancellationToken), cancellationToken);

    private async Task<string> SetGoalAsync(SetGoalCommand goal, CommandTurn context, CancellationToken cancellationToken)
    {
        var (problem, channel) = await conversation.ResolveSocialChannelAsync(context, goal.SocialChannel, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (await assignments.SetGoalAsync(context.Actor.Team.TeamId, context.Actor.AadObjectId, channel!, goal.PostsPerWeek, goal.EngagementRate, cancellationToken) == ChangeOutcome.NotCoordinator)
        {
            return await conversation.NotCoordinatorAsync(context, cancellationToken);
        }

        string Confirmation() => goal.EngagementRate is { } rate
            ? Texts.FormatGoalSetWithEngagement(channel!.DisplayName, goal.PostsPerWeek, LocalFormat.Percent(rate))
            : Texts.FormatGoalSet(channel!.DisplayName, goal.PostsPerWeek);
        return await conversation.NoteAsync(context, Confirmation(), Confirmation, cancellationToken);
    }
}
