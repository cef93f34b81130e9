using System.Runtime.CompilerServices;
using Bot.Persistence;
using Bot.Protocol.Builder;
using Bot.Protocol.Schema;
using Bot.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace Bot.Delivery;

/// <summary>
/// Claims every activity before its turn, like an idempotency key: one short insert (<c>ON CONFLICT DO NOTHING</c>)
/// decides which copy runs, on this instance or any other on the database, before anything has an effect. A copy
/// that finds a claim waits briefly for the first copy's answer and returns it; one that finds an answer returns it at
/// once; one whose first copy died mid-turn takes the lapsed claim over. The turn itself holds no transaction and no
/// lock: what it changes commits in its own short saves (a post's version token settles simultaneous decisions), and
/// the answer is recorded after, so "answered 200" always means "stored". On SQLite the claim and the answer go
/// through <see cref="SqliteGroupCommit"/>, sharing their commit with the other turns of the moment.
/// </summary>
internal sealed partial class ActivityLedger(BotDbContext database, SqliteGroupCommit groupCommit, TimeProvider timeProvider, IOptions<DeliveryOptions> options, BotMetrics metrics, ILogger<ActivityLedger> logger) : IActivityLedger
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

        var answer = AnswerStatement.For(database.Model);
        var values = answer.Values(outcome, channelId, conversationId, activityId);
        if (database is SqliteBotDbContext)
        {
            await groupCommit.ExecuteAsync(answer.Sql, values);
            return;
        }

        await database.Database.ExecuteSqlRawAsync(answer.Sql, ModelSql.PositionalParameters(database, values), cancellationToken);
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

    private async Task<bool> TryClaimAsync(string channelId, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var claim = new ProcessedActivity
        {
            ChannelId = channelId,
            ConversationId = conversationId,
            ActivityId = activityId,
            State = ProcessedActivityState.Claimed,
            ClaimedUntil = now + options.Value.TurnClaimLease,
            ProcessedAt = now,
        };
        if (database is SqliteBotDbContext)
        {
            var insert = InsertIfAbsent.Statement(database.Model, typeof(ProcessedActivity));
            return await groupCommit.ExecuteAsync(insert.Sql, insert.ProviderValues(claim)) == 1;
        }

        return await database.InsertIfAbsentAsync(claim, cancellationToken);
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

    /// <summary>
    /// Recording the answer, written by hand once per model: as <c>ExecuteUpdate</c> it built and compared an
    /// expression tree on every turn, a measurable part of a help turn's CPU.
    /// </summary>
    private sealed class AnswerStatement
    {
        private static readonly ConditionalWeakTable<IModel, AnswerStatement> ByModel = [];
        private readonly IProperty _state;

        private AnswerStatement(IModel model)
        {
            var entityType = model.FindEntityType(typeof(ProcessedActivity))!;
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            string Column(string property) => ModelSql.Quote(entityType.FindProperty(property)!.GetColumnName(table)!);
            _state = entityType.FindProperty(nameof(ProcessedActivity.State))!;
            var sql = $"UPDATE {ModelSql.Quote(table.Name)} SET {Column(nameof(ProcessedActivity.State))} = @p0, "
                + $"{Column(nameof(ProcessedActivity.Status))} = @p1, {Column(nameof(ProcessedActivity.InvokeResponseJson))} = @p2, "
                + $"{Column(nameof(ProcessedActivity.ClaimedUntil))} = NULL "
                + $"WHERE {Column(nameof(ProcessedActivity.ChannelId))} = @p3 AND {Column(nameof(ProcessedActivity.ConversationId))} = @p4 "
                + $"AND {Column(nameof(ProcessedActivity.ActivityId))} = @p5";
            Sql = sql;
        }

        public string Sql { get; }

        public static AnswerStatement For(IModel model) => ByModel.GetValue(model, m => new AnswerStatement(m));

        public object[] Values(ProcessedActivityOutcome outcome, string channelId, string conversationId, string activityId) =>
        [
            ModelSql.ToProvider(_state, ProcessedActivityState.Answered),
            outcome.Status,
            (object?)outcome.InvokeResponseJson ?? DBNull.Value,
            channelId,
            conversationId,
            activityId,
        ];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A copy of {ActivityType} activity {ActivityId} got the first copy's answer without running again (waited for it: {Waited})")]
    private static partial void LogCopyAnswered(ILogger logger, string? activityType, string activityId, bool waited);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A copy of {ActivityType} activity {ActivityId} answered 200 with no effect: the first copy was still running after {WaitedMs} ms")]
    private static partial void LogCopyGaveUp(ILogger logger, string? activityType, string activityId, long waitedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The claim on {ActivityType} activity {ActivityId} had lapsed (its turn never finished); this copy runs it")]
    private static partial void LogLapsedClaimTakenOver(ILogger logger, string? activityType, string activityId);
}
