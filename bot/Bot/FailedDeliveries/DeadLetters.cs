using Bot.Delivery;
using Bot.Persistence;
using Bot.Protocol.AdaptiveCards;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;

namespace Bot.FailedDeliveries;

/// <summary>A team's dead letters as the card the command shows and the Retry button answers with.</summary>
public sealed class DeadLetters(BotDbContext database)
{
    public async Task<AdaptiveCard> CardAsync(Team team, string? notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        var deadLetters = database.OutboundMessages.AsNoTracking().Where(m => m.TeamId == team.TeamId && m.State == OutboundState.DeadLetter);
        var total = await deadLetters.CountAsync(cancellationToken);
        var listed = await deadLetters.OrderByDescending(m => m.Id).Take(DeliveryCards.MaxListed).ToListAsync(cancellationToken);
        return DeliveryCards.FailedDeliveries(listed, total, TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId), notice);
    }
}
