using Bot.Cards;
using Bot.Protocol.AdaptiveCards;

namespace Bot.Chat.CardActions;

/// <summary>The failed-deliveries card's "Send again".</summary>
public sealed class RetryDeliveryAction(DeliveryChat deliveries) : ICardAction
{
    public string Verb => CardVerbs.RetryDelivery;

    public Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) => deliveries.RetryAsync(request, cancellationToken);
}
