using System.Globalization;
using Bot.Delivery;
using Bot.Localization;
using Bot.Persistence;
using Bot.Protocol.AdaptiveCards;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;

namespace Bot.FailedDeliveries;

/// <summary>
/// The failed-deliveries card's "Send again": a coordinator queues a dead letter of their team once more. The message id
/// on the button is untrusted input and only ever matches the caller's own team's dead letters.
/// </summary>
[CardAction(Verb, Requires = ActorRequirement.Coordinator)]
public sealed partial class RetryDeliveryAction(
    BotDbContext database,
    DeadLetters deadLetters,
    OutboxCommitSignal commitSignal,
    TimeProvider timeProvider,
    ILogger<RetryDeliveryAction> logger) : ICardAction
{
    public const string Verb = "delivery.retry";

    public async Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var (team, actor, _) = request.Actor;
        if (!long.TryParse(request.Input(DeliveryCards.MessageIdData), NumberStyles.None, CultureInfo.InvariantCulture, out var messageId))
        {
            return await deadLetters.CardAsync(team, Texts.RetryDeliveryUnknown, cancellationToken);
        }

        var now = timeProvider.GetUtcNow();
        var reset = await database.OutboundMessages
            .Where(m => m.Id == messageId && m.TeamId == team.TeamId && m.State == OutboundState.DeadLetter)
            .ExecuteUpdateAsync(
                update => update
                    .SetProperty(m => m.State, OutboundState.Pending)
                    .SetProperty(m => m.Attempts, 0)
                    .SetProperty(m => m.NextAttemptAt, now),
                cancellationToken);
        if (reset == 0)
        {
            // Another team's id, an unknown one, or one already retried: the same answer, so ids cannot be probed.
            LogRetryRefused(logger, messageId, team.TeamId, actor);
            return await deadLetters.CardAsync(team, Texts.RetryDeliveryUnknown, cancellationToken);
        }

        LogRetried(logger, messageId, team.TeamId, actor);
        commitSignal.NotifyAfterCommit(database);
        return await deadLetters.CardAsync(team, Texts.RetryDeliveryQueued, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead letter {MessageId} of team {TeamId} queued again by {ActorAadObjectId}")]
    private static partial void LogRetried(ILogger logger, long messageId, string teamId, string actorAadObjectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retry of outbound message {MessageId} refused in team {TeamId} for {ActorAadObjectId}: not a dead letter of that team")]
    private static partial void LogRetryRefused(ILogger logger, long messageId, string teamId, string actorAadObjectId);
}
