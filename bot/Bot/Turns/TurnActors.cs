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

    /// <summary>The refusal for an actor who does not meet <paramref name="requires"/>; <c>null</c> when they do.</summary>
    public static string? Refusal(ActorRequirement requires, TeamActor? actor) => requires switch
    {
        ActorRequirement.None => null,
        _ when actor is null => NoTeam,
        ActorRequirement.Writer when !actor.Role.CanWritePosts() => NotAllowed(requires, actor.Role),
        ActorRequirement.Coordinator when !actor.Role.CanManageTeam() => NotAllowed(requires, actor.Role),
        _ => null,
    };

    /// <summary>
    /// The refusal when a feature finds out later than the router that the role does not allow it (the role changed
    /// while the request was on its way, or the rule depends on the request, like who may see a webhook's status).
    /// </summary>
    public static string NotAllowed(ActorRequirement requires, TeamRole role) => requires switch
    {
        ActorRequirement.Writer => Texts.FormatNotAWriter(DisplayNames.Role(role)),
        _ => Texts.FormatNotCoordinator(DisplayNames.Role(role)),
    };

    /// <summary>The refusal when it is not clear which team is meant (a personal chat of someone in several teams, or none).</summary>
    public static string NoTeam => Texts.NeedsTeam;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused: {Requirement} needed, actor {AadObjectId} in team {TeamId}, activity {ActivityId}")]
    private static partial void LogRefused(ILogger logger, ActorRequirement requirement, string? teamId, string? aadObjectId, string? activityId);
}
