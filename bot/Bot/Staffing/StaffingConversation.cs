using Bot.Delivery;
using Bot.Localization;
using Bot.Teams;
using Bot.Turns;

namespace Bot.Staffing;

/// <summary>
/// What the staffing commands share: finding the person and the social channel a command names, answering in the
/// writer's language, and telling whoever is affected (the person in their chat, the team in its channel).
/// </summary>
public sealed class StaffingConversation(TeamDirectory teams, TeamRoster roster, AssignmentService assignments, Notifier notifier)
{
    public async Task<(string? Problem, TeamMember? Member, SocialChannel? Channel)> ResolveAsync(CommandTurn context, PersonReference person, SocialChannelReference reference, CancellationToken cancellationToken)
    {
        var (channelProblem, channel) = await ResolveSocialChannelAsync(context, reference, cancellationToken);
        if (channelProblem is not null)
        {
            return (channelProblem, null, null);
        }

        var (personProblem, member) = await ResolvePersonAsync(context, person, cancellationToken);
        return (personProblem, member, channel);
    }

    public async Task<(string? Problem, SocialChannel? Channel)> ResolveSocialChannelAsync(CommandTurn context, SocialChannelReference reference, CancellationToken cancellationToken)
    {
        var platformWord = PlatformNames.Display(reference.Platform).ToLowerInvariant();
        return await assignments.FindSocialChannelAsync(context.Actor.Team.TeamId, reference, cancellationToken) switch
        {
            SocialChannelFound found => (null, found.SocialChannel),
            SeveralSocialChannels several => (Texts.FormatAmbiguousSocialChannel(
                PlatformNames.Display(reference.Platform),
                string.Join(", ", several.Candidates.Select(c => c.Handle)),
                $"{platformWord} {several.Candidates[0].Handle}"), null),
            _ => (Texts.FormatUnknownSocialChannel(PlatformNames.Display(reference.Platform), platformWord), null),
        };
    }

    public async Task<(string? Problem, TeamMember? Member)> ResolvePersonAsync(CommandTurn context, PersonReference person, CancellationToken cancellationToken) =>
        await roster.FindAsync(context.Actor.Team, context.Activity.ServiceUrl!, person, cancellationToken) switch
        {
            MemberFound found => (null, found.Member),
            NotInTeam missing => (Texts.FormatPersonNotInTeam(missing.Name), null),
            SeveralNamed several => (Texts.FormatPersonAmbiguous(several.Name, string.Join(", ", several.Candidates)), null),
            NobodyNamed nobody => (Texts.FormatPersonNotFound(nobody.Name), null),
            var other => throw new System.Diagnostics.UnreachableException(other.GetType().Name),
        };

    public Task TellAsync(CommandTurn context, TeamMember member, Func<string> message, CancellationToken cancellationToken) =>
        member.AadObjectId == context.Actor.AadObjectId
            ? Task.CompletedTask
            : notifier.TellPersonAsync(context.Actor.Team, member, context.Activity.Recipient!, context.Activity.ServiceUrl!, message, cancellationToken);

    /// <summary>Written in the team's channel, the reply is the team's note; from a personal chat, the channel gets one too.</summary>
    public async Task<string> NoteAsync(CommandTurn context, string reply, Func<string> teamNote, CancellationToken cancellationToken)
    {
        if (!context.WrittenInTeam)
        {
            await notifier.TellTeamAsync(context.Actor.Team, context.Activity.ServiceUrl!, teamNote, cancellationToken);
        }

        return reply;
    }

    public async Task<string> NotCoordinatorAsync(CommandTurn context, CancellationToken cancellationToken) =>
        TurnActors.NotAllowed(ActorRequirement.Coordinator, await teams.RoleOfAsync(context.Actor.Team.TeamId, context.Actor.AadObjectId, cancellationToken));

    public static string ActorName(CommandTurn context) => context.Activity.From?.Name ?? "?";

    /// <summary>Teams sends a team's name only with some events; until one arrives, "your team" reads fine.</summary>
    public static string TeamName(Team team) => team.Name ?? Texts.YourTeam;
}
