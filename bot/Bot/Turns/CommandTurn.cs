using Bot.Protocol.AdaptiveCards;
using Bot.Protocol.Builder;
using Bot.Protocol.Schema;
using Bot.Teams;

namespace Bot.Turns;

/// <summary>What a command handler gets besides its command: the turn and the settled actor (the reader's language is the current culture).</summary>
public sealed class CommandTurn(ITurnContext context, Team? activityTeam, TeamActor? actor)
{
    public ITurnContext Context { get; } = context;

    public Activity Activity => Context.Activity;

    /// <summary>The team whose channel the activity came from; <c>null</c> in personal and group chats.</summary>
    public Team? ActivityTeam { get; } = activityTeam;

    /// <summary>Written in the team's channel rather than in a personal chat.</summary>
    public bool WrittenInTeam => ActivityTeam is not null;

    /// <summary>The team, person and role the route asked for; settled by the router before the handler runs.</summary>
    public TeamActor Actor => actor ?? throw new InvalidOperationException("This command's route settles no actor; declare Requires on its definition.");

    public Task ReplyAsync(string text, CancellationToken cancellationToken) => Context.SendActivityAsync(text, cancellationToken);

    public Task ReplyAsync(AdaptiveCard card, CancellationToken cancellationToken) =>
        Context.SendActivityAsync(MessageFactory.Attachment(card.ToAttachment()), cancellationToken);
}
