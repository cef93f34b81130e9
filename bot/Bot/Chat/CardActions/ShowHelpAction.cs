using Bot.Cards;
using Bot.Protocol.AdaptiveCards;

namespace Bot.Chat.CardActions;

public sealed class ShowHelpAction : ICardAction
{
    public string Verb => CardVerbs.ShowHelp;

    public Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(HelpCard.Create(request.Texts));
}
