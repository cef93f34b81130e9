using Bot.Protocol.AdaptiveCards;
using Bot.Turns;

namespace Bot.Privacy;

/// <summary>The erasure confirmation's button: role and team are checked again here, whatever the card said.</summary>
public sealed class ErasePersonAction(PrivacyCommands privacy) : ICardAction
{
    public string Verb => CardVerbs.ErasePerson;

    public async Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var outcome = await privacy.EraseAsync(request.Turn, request.Team, request.Input(PrivacyCards.PersonData), request.Texts, cancellationToken);
        return PrivacyCards.Outcome(outcome);
    }
}
