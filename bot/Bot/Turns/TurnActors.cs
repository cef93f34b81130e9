using Bot.Localization;
using Bot.Teams;

namespace Bot.Turns;

/// <summary>
/// Settles, once per turn, who is acting where: the team (the one written in, or in a personal chat the person's only
/// team), the person and their stored role, never from card data. The refusals for "needs a team" and "not your role"
/// are written here and nowhere else.
/// </summary>
public sealed partial class TurnActors(TeamDirectory teams, ILogger<TurnActors> logger)
{
    private const string SettledKey = "Bot.Turns.TurnActor";

    public async Task<(TeamActor? Actor, string? Refusal)> SettleAsync(
        ActorRequirement requires,
        Protocol.Builder.ITurnContext turn,
        Team? activityTeam,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (requires == ActorRequirement.None)
        {
            return (null, null);
        }

        TeamActor? actor;
        if (turn.TurnState.TryGetValue(SettledKey, out var settled))
        {
            actor = settled as TeamActor;
        }
        else
        {
            actor = await teams.ActorAsync(turn.Activity, activityTeam, cancellationToken);
            turn.TurnState[SettledKey] = actor!;
        }

        var refusal = Refusal(requires, actor);
        if (refusal is not null)
        {
            LogRefused(logger, requires, actor?.Team.TeamId, turn.Activity.From?.AadObjectId, turn.Activity.Id);
        }

        return (actor, refusal);
    }

    public static string? Refusal(ActorRequirement requires, TeamActor? actor)
    {
        return requires switch
        {
            ActorRequirement.None => null,
            _ when actor is null => Texts.NeedsTeam,
            ActorRequirement.Writer when !actor.Role.CanWritePosts() => Texts.FormatNotAWriter(DisplayNames.Role(actor.Role)),
            ActorRequirement.Coordinator when !actor.Role.CanManageTeam() => Texts.FormatNotCoordinator(DisplayNames.Role(actor.Role)),
            _ => null,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused: {Requirement} needed, actor {AadObjectId} in team {TeamId}, activity {ActivityId}")]
    private static partial void LogRefused(ILogger logger, ActorRequirement requirement, string? teamId, string? aadObjectId, string? activityId);
}
