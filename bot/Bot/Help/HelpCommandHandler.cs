using Bot.Localization;
using Bot.Turns;

namespace Bot.Help;

public sealed record HelpCommand : ChatCommand;

/// <summary><c>help</c> (also an empty message or "?"): the command list in the reader's language.</summary>
public sealed class HelpCommandHandler : ICommandHandler<HelpCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition(ChatCommandParser.HelpCommandId, "help", "hilfe", () => Texts.CommandHelpDescription, ConversationScopes.All, "", "", _ => new HelpCommand())
        {
            Order = 0,
            Requires = ActorRequirement.None,
        }.Route<HelpCommand, HelpCommandHandler>();

    public Task HandleAsync(HelpCommand command, CommandTurn turn, CancellationToken cancellationToken) =>
        turn.ReplyAsync(HelpCard.Create(), cancellationToken);
}

/// <summary>The welcome card's "Show commands".</summary>
[CardAction(Verb, Requires = ActorRequirement.None)]
public sealed class ShowHelpAction : ICardAction
{
    public const string Verb = "help.show";

    public Task<Protocol.AdaptiveCards.AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(HelpCard.Create());
}
