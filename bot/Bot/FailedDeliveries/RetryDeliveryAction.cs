using Bot.Protocol.AdaptiveCards;
using Bot.Turns;

namespace Bot.FailedDeliveries;

/// <summary>The failed-deliveries card's "Send again".</summary>
public sealed class RetryDeliveryAction(DeliveryChat deliveries) : ICardAction
{
    public string Verb => CardVerbs.RetryDelivery;

    public Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) => deliveries.RetryAsync(request, cancellationToken);
}
