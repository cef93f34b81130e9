using Bot.Protocol.AdaptiveCards;
using Bot.Turns;

namespace Bot.Help;

public sealed class ShowHelpAction : ICardAction
{
    public string Verb => CardVerbs.ShowHelp;

    public Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(HelpCard.Create(request.Texts));
}
