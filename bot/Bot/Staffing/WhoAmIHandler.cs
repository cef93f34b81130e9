using Bot.Localization;
using Bot.Persistence;
using Bot.Teams;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;

namespace Bot.Staffing;

public sealed record WhoAmICommand : ChatCommand;

/// <summary>
/// <c>who am i</c> / <c>wer bin ich</c>: the writer's role in each of their teams and the social channels they own or back
/// up there. Works in any chat, so someone new can check what the coordinator set up for them.
/// </summary>
public sealed class WhoAmIHandler(BotDbContext database, TeamDirectory teams) : ICommandHandler<WhoAmICommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("whoami", "who am i", "wer bin ich", () => Texts.CommandWhoAmIDescription, ConversationScopes.All, "", "", _ => new WhoAmICommand())
        {
            Order = 25,
            ShowInMenu = false,
            Aliases = ["whoami", "werbinich"],
            Requires = ActorRequirement.None,
        }.Route<WhoAmICommand, WhoAmIHandler>();

    public async Task HandleAsync(WhoAmICommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        var person = turn.Activity.From?.AadObjectId;
        var teamIds = person is null
            ? []
            : await database.TeamMemberships.AsNoTracking().Where(m => m.AadObjectId == person).Select(m => m.TeamId).ToListAsync(cancellationToken);
        if (turn.ActivityTeam is { } here && !teamIds.Contains(here.TeamId))
        {
            teamIds.Add(here.TeamId);
        }

        if (person is null || teamIds.Count == 0)
        {
            await turn.ReplyAsync(Texts.WhoAmINoTeam, cancellationToken);
            return;
        }

        var teamsOfPerson = await database.Teams.AsNoTracking().Where(t => teamIds.Contains(t.TeamId)).ToListAsync(cancellationToken);
        var assignments = await database.Assignments.AsNoTracking()
            .Where(a => a.AadObjectId == person && teamIds.Contains(a.TeamId))
            .Join(database.SocialChannels.Where(c => !c.IsArchived), a => a.SocialChannelId, c => c.Id, (a, c) => new { a.TeamId, a.Kind, Channel = c })
            .ToListAsync(cancellationToken);

        var lines = new List<string> { Texts.FormatWhoAmIIntro(turn.Activity.From?.Name ?? "?") };
        foreach (var team in teamsOfPerson.OrderBy(t => t.Name ?? t.TeamId, StringComparer.CurrentCultureIgnoreCase))
        {
            var role = await teams.RoleOfAsync(team.TeamId, person, cancellationToken);
            var channels = assignments
                .Where(a => a.TeamId == team.TeamId)
                .OrderBy(a => a.Kind).ThenBy(a => a.Channel.Platform).ThenBy(a => a.Channel.Handle, StringComparer.OrdinalIgnoreCase)
                .Select(a => a.Kind == AssignmentKind.Owner ? Texts.FormatWhoAmIOwner(a.Channel.DisplayName) : Texts.FormatWhoAmIBackup(a.Channel.DisplayName))
                .ToList();
            lines.Add(Texts.FormatWhoAmITeam(
                StaffingConversation.TeamName(team),
                DisplayNames.Role(role),
                channels.Count == 0 ? Texts.WhoAmINoSocialChannels : string.Join(", ", channels)));
        }

        // Teams renders a blank line between paragraphs; a single line break would run the teams together.
        await turn.ReplyAsync(string.Join("\n\n", lines), cancellationToken);
    }
}
