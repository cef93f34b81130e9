using Bot.Persistence;
using Bot.Protocol.Builder;
using Bot.Protocol.Schema;
using Bot.Telemetry;
using Microsoft.Extensions.Options;

namespace Bot.Delivery;

/// <summary>
/// Takes the replies a turn could not send at once into the <see cref="Outbox"/>, committed before the turn answers
/// Teams, so the worker retries them (after Retry-After for a 429, with back-off otherwise) and they are never lost.
/// A scope of its own: the turn's database context may hold changes that are not this reply's to commit.
/// </summary>
public sealed class ReplyOutbox(IServiceScopeFactory scopes, TimeProvider timeProvider, IOptions<DeliveryOptions> options, BotMetrics metrics) : IReplyOutbox
{
    private const string FirstQueuedAtKey = "ReplyOutbox.FirstQueuedAt";

    public TimeSpan ReplyTimeout => options.Value.ReplyTimeout;

    public async Task QueueAsync(ITurnContext turnContext, Activity activity, ReplyDeferral deferral, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var incoming = turnContext.Activity;
        var channelData = incoming.GetChannelData<TeamsChannelData>();
        var (teamId, tenantId) = (channelData?.Team?.Id, channelData?.Tenant?.Id ?? incoming.Conversation?.TenantId);
        var serviceUrl = activity.ServiceUrl ?? incoming.ServiceUrl!;
        var conversationId = activity.Conversation?.Id ?? incoming.Conversation!.Id!;
        var message = deferral.IsUpdate
            ? outbox.UpdateInPlace(OutboundKinds.Reply, teamId, tenantId, serviceUrl, conversationId, activity.Id!, activity)
            : outbox.ToConversation(OutboundKinds.Reply, teamId, tenantId, serviceUrl, conversationId, activity);

        if (turnContext.TurnState.TryGetValue(FirstQueuedAtKey, out var first) && first is DateTimeOffset due)
        {
            // Due with the turn's first queued reply, and after it by id: the worker sends them in the order they were said.
            message.NextAttemptAt = due;
        }
        else
        {
            // The attempt in the turn counts: the worker's back-off and dead-letter limit start from it.
            message.Attempts = 1;
            message.LastError = deferral.Reason;
            message.NextAttemptAt = timeProvider.GetUtcNow() + (deferral.RetryAfter ?? options.Value.FirstRetryDelay);
            turnContext.TurnState[FirstQueuedAtKey] = message.NextAttemptAt;
        }

        await database.SaveChangesAsync(cancellationToken);
        if (message.Attempts == 1)
        {
            // The attempt in the turn failed: a retry like the worker's own (later replies that only queue behind it are not).
            metrics.OutboxRetried(OutboundKinds.Reply, deferral.Reason);
        }
    }
}
