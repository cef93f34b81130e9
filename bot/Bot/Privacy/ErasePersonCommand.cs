using Bot.Localization;
using Bot.Persistence;
using Bot.Teams;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;

namespace Bot.Privacy;

/// <summary>A coordinator asks to erase someone who has left; answered with a confirmation card, nothing changes yet.</summary>
public sealed record ErasePersonCommand(PersonReference Person) : ChatCommand;

/// <summary>
/// <c>erase person @person</c>: a coordinator erases someone who has left. Asking shows a confirmation card; only the
/// card's button (<see cref="ErasePersonAction"/>) erases, and it is checked again on the server then.
/// </summary>
public sealed class ErasePersonHandler(BotDbContext database) : ICommandHandler<ErasePersonCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("erase-person", "erase person", "person löschen", () => Texts.CommandEraseDescription, CommandDefinition.TeamScopes, "@person", "@person", args => CommandArguments.Person(args, person => new ErasePersonCommand(person)))
        {
            Order = 170,
            ShowInMenu = false,
            Aliases = ["person loeschen"],
            Requires = ActorRequirement.Coordinator,
        }.Route<ErasePersonCommand, ErasePersonHandler>();

    public async Task HandleAsync(ErasePersonCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        var candidates = await KnownPeopleAsync(turn.Actor.Team.TeamId, command.Person, cancellationToken);
        switch (candidates)
        {
            case []:
                await turn.ReplyAsync(Texts.FormatEraseUnknownPerson(command.Person.Name), cancellationToken);
                break;
            case [var person]:
                await turn.ReplyAsync(PrivacyCards.ConfirmErasure(person.Name ?? command.Person.Name, person.AadObjectId), cancellationToken);
                break;
            default:
                await turn.ReplyAsync(Texts.FormatPersonAmbiguous(command.Person.Name, string.Join(", ", candidates.Select(c => c.Name))), cancellationToken);
                break;
        }
    }

    /// <summary>
    /// Someone who has left is no longer in the team's member list in Teams, so they are looked up in what the bot
    /// stored for this team: by mention (their Teams id) or by name.
    /// </summary>
    private async Task<List<Person>> KnownPeopleAsync(string teamId, PersonReference reference, CancellationToken cancellationToken)
    {
        var inTeam = database.TeamMemberships.Where(m => m.TeamId == teamId).Select(m => m.AadObjectId)
            .Union(database.Assignments.Where(a => a.TeamId == teamId).Select(a => a.AadObjectId))
            .Union(database.Posts.Where(p => p.TeamId == teamId).Select(p => p.AuthorAadObjectId));
        var people = database.People.AsNoTracking().Where(p => inTeam.Contains(p.AadObjectId));
        if (reference is MentionedPerson mentioned)
        {
            return await people.Where(p => p.TeamsUserId == mentioned.UserId).ToListAsync(cancellationToken);
        }

        var named = await people.Where(p => p.Name != null).ToListAsync(cancellationToken);
        var wanted = ChatCommandParser.Normalize(reference.Name);
        var exact = named.Where(p => ChatCommandParser.Normalize(p.Name!) == wanted).ToList();
        return exact.Count > 0 ? exact : [.. named.Where(p => ChatCommandParser.Normalize(p.Name!).Split(' ').Contains(wanted))];
    }
}
