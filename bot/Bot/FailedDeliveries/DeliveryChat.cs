using System.Globalization;
using Bot.Delivery;
using Bot.Localization;
using Bot.Persistence;
using Bot.Posts;
using Bot.Protocol.AdaptiveCards;
using Bot.Protocol.Builder;
using Bot.Teams;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;

namespace Bot.FailedDeliveries;

public sealed record FailedDeliveriesCommand : ChatCommand;

/// <summary>
/// Dead letters in the chat: coordinators list what the bot could not deliver for their team and send it again. Both
/// the command and the button check the coordinator role and the team on the server; the message id on the button is
/// untrusted input and only ever matches the caller's own team's messages.
/// </summary>
public sealed partial class DeliveryChat(
    TeamDirectory teams,
    BotDbContext database,
    OutboxCommitSignal commitSignal,
    TimeProvider timeProvider,
    ILogger<DeliveryChat> logger)
{
    public async Task ListAsync(ITurnContext turn, Team? activityTeam, BotTexts texts, CancellationToken cancellationToken)
    {
        var (team, refusal) = await CheckedTeamAsync(turn, activityTeam, texts, cancellationToken);
        var answer = team is null
            ? MessageFactory.Text(refusal!)
            : MessageFactory.Attachment((await CardAsync(team, texts, null, cancellationToken)).ToAttachment());
        await turn.SendActivityAsync(answer, cancellationToken);
    }

    public async Task<AdaptiveCard> RetryAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var texts = request.Texts;
        var (team, refusal) = await CheckedTeamAsync(request.Turn, request.Team, texts, cancellationToken);
        if (team is null)
        {
            return PostCards.Notice(refusal!);
        }

        if (!long.TryParse(request.Input(DeliveryCards.MessageIdData), NumberStyles.None, CultureInfo.InvariantCulture, out var messageId))
        {
            return await CardAsync(team, texts, texts.RetryDeliveryUnknown, cancellationToken);
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
            LogRetryRefused(logger, messageId, team.TeamId, request.Turn.Activity.From?.AadObjectId);
            return await CardAsync(team, texts, texts.RetryDeliveryUnknown, cancellationToken);
        }

        LogRetried(logger, messageId, team.TeamId, request.Turn.Activity.From?.AadObjectId);
        commitSignal.NotifyAfterCommit(database);
        return await CardAsync(team, texts, texts.RetryDeliveryQueued, cancellationToken);
    }

    private async Task<AdaptiveCard> CardAsync(Team team, BotTexts texts, string? notice, CancellationToken cancellationToken)
    {
        var deadLetters = database.OutboundMessages.AsNoTracking().Where(m => m.TeamId == team.TeamId && m.State == OutboundState.DeadLetter);
        var total = await deadLetters.CountAsync(cancellationToken);
        var listed = await deadLetters.OrderByDescending(m => m.Id).Take(DeliveryCards.MaxListed).ToListAsync(cancellationToken);
        return DeliveryCards.FailedDeliveries(texts, listed, total, TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId), notice);
    }

    private async Task<(Team? Team, string? Refusal)> CheckedTeamAsync(ITurnContext turn, Team? activityTeam, BotTexts texts, CancellationToken cancellationToken)
    {
        var acting = await teams.ActorAsync(turn.Activity, activityTeam, cancellationToken);
        return TeamDirectory.RefusalForCoordinatorCommand(acting, texts) is { } refusal ? (null, refusal) : (acting!.Team, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead letter {MessageId} of team {TeamId} queued again by {ActorAadObjectId}")]
    private static partial void LogRetried(ILogger logger, long messageId, string teamId, string? actorAadObjectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retry of outbound message {MessageId} refused in team {TeamId} for {ActorAadObjectId}: not a dead letter of that team")]
    private static partial void LogRetryRefused(ILogger logger, long messageId, string teamId, string? actorAadObjectId);
}
