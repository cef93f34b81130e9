using Stopwatch = System.Diagnostics.Stopwatch;
using Bot.Persistence;
using Bot.Protocol.Builder;
using Bot.Protocol.Schema;
using Bot.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Delivery;

/// <summary>
/// Claims every activity before its turn, like an idempotency key: one short insert (<c>ON CONFLICT DO NOTHING</c>)
/// decides which copy runs, on this instance or any other on the database, before anything has an effect. A copy
/// that finds a claim waits briefly for the first copy's answer and returns it; one that finds an answer returns it at
/// once; one whose first copy died mid-turn takes the lapsed claim over. The turn itself holds no transaction and no
/// lock: what it changes commits in its own short saves (a post's version token settles simultaneous decisions), and
/// the answer is recorded after, so "answered 200" always means "stored".
/// </summary>
public sealed partial class ActivityLedger(BotDbContext database, TimeProvider timeProvider, IOptions<DeliveryOptions> options, BotMetrics metrics, ILogger<ActivityLedger> logger) : IActivityLedger
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public async Task<ProcessedActivityOutcome?> BeginTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (KeyOf(turnContext.Activity) is not var (channelId, conversationId, activityId))
        {
            return null;
        }

        if (await TryClaimAsync(channelId, conversationId, activityId, cancellationToken))
        {
            return null;
        }

        // Patience is real time, whatever clock the bot runs on: it is about Teams' HTTP budget, not about schedules.
        var waiting = Stopwatch.StartNew();
        var waited = false;
        while (true)
        {
            var earlier = await Claim(channelId, conversationId, activityId).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
            if (earlier is null)
            {
                // The first copy failed and gave its claim up, so this one may run the activity.
                if (await TryClaimAsync(channelId, conversationId, activityId, cancellationToken))
                {
                    return null;
                }

                continue;
            }

            if (earlier.State == ProcessedActivityState.Answered)
            {
                LogCopyAnswered(logger, turnContext.Activity.Type, activityId, waited);
                if (waited)
                {
                    metrics.ClaimWaited(turnContext.Activity.Type, waiting.Elapsed, gotAnswer: true);
                }

                return new ProcessedActivityOutcome(earlier.Status, earlier.InvokeResponseJson);
            }

            if (earlier.ClaimedUntil <= timeProvider.GetUtcNow())
            {
                if (await TryTakeOverAsync(earlier, cancellationToken))
                {
                    LogLapsedClaimTakenOver(logger, turnContext.Activity.Type, activityId);
                    return null;
                }

                continue;
            }

            if (waiting.Elapsed >= options.Value.CopyPatience)
            {
                LogCopyGaveUp(logger, turnContext.Activity.Type, activityId, waiting.ElapsedMilliseconds);
                metrics.ClaimWaited(turnContext.Activity.Type, waiting.Elapsed, gotAnswer: false);
                return new ProcessedActivityOutcome(200, null);
            }

            waited = true;
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    public async Task CompleteTurnAsync(ITurnContext turnContext, ProcessedActivityOutcome outcome, CancellationToken cancellationToken)
    {
        if (KeyOf(turnContext.Activity) is not var (channelId, conversationId, activityId))
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        await Claim(channelId, conversationId, activityId)
            .ExecuteUpdateAsync(
                p => p.SetProperty(x => x.State, ProcessedActivityState.Answered)
                    .SetProperty(x => x.Status, outcome.Status)
                    .SetProperty(x => x.InvokeResponseJson, outcome.InvokeResponseJson)
                    .SetProperty(x => x.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(x => x.ProcessedAt, now),
                cancellationToken);
    }

    public async Task AbandonTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (KeyOf(turnContext.Activity) is not var (channelId, conversationId, activityId))
        {
            return;
        }

        await Claim(channelId, conversationId, activityId)
            .Where(p => p.State == ProcessedActivityState.Claimed)
            .ExecuteDeleteAsync(cancellationToken);
    }

    private Task<bool> TryClaimAsync(string channelId, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return database.InsertIfAbsentAsync(
            new ProcessedActivity
            {
                ChannelId = channelId,
                ConversationId = conversationId,
                ActivityId = activityId,
                State = ProcessedActivityState.Claimed,
                ClaimedUntil = now + options.Value.TurnClaimLease,
                ProcessedAt = now,
            },
            cancellationToken);
    }

    /// <summary>Of several copies that find the same lapsed claim, the one whose update still sees it unchanged wins.</summary>
    private async Task<bool> TryTakeOverAsync(ProcessedActivity lapsed, CancellationToken cancellationToken)
    {
        var until = timeProvider.GetUtcNow() + options.Value.TurnClaimLease;
        return await Claim(lapsed.ChannelId, lapsed.ConversationId, lapsed.ActivityId)
            .Where(p => p.State == ProcessedActivityState.Claimed && p.ClaimedUntil == lapsed.ClaimedUntil)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.ClaimedUntil, until), cancellationToken) == 1;
    }

    private IQueryable<ProcessedActivity> Claim(string channelId, string conversationId, string activityId) =>
        database.ProcessedActivities.Where(p => p.ChannelId == channelId && p.ConversationId == conversationId && p.ActivityId == activityId);

    private static (string ChannelId, string ConversationId, string ActivityId)? KeyOf(Activity activity) =>
        activity is { ChannelId: { Length: > 0 } channelId, Conversation.Id: { Length: > 0 } conversationId, Id: { Length: > 0 } activityId }
            ? (channelId, conversationId, activityId)
            : null;

    /// <summary>Deletes records older than the retention window; cheap enough to call from a timer or a scheduler job.</summary>
    public static Task<int> PurgeAsync(BotDbContext database, DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        database.ProcessedActivities.Where(p => p.ProcessedAt < olderThan).ExecuteDeleteAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "A copy of {ActivityType} activity {ActivityId} got the first copy's answer without running again (waited for it: {Waited})")]
    private static partial void LogCopyAnswered(ILogger logger, string? activityType, string activityId, bool waited);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A copy of {ActivityType} activity {ActivityId} answered 200 with no effect: the first copy was still running after {WaitedMs} ms")]
    private static partial void LogCopyGaveUp(ILogger logger, string? activityType, string activityId, long waitedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The claim on {ActivityType} activity {ActivityId} had lapsed (its turn never finished); this copy runs it")]
    private static partial void LogLapsedClaimTakenOver(ILogger logger, string? activityType, string activityId);
}
