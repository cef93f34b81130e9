using Bot.Persistence;
using Bot.Protocol.Builder;
using Bot.Protocol.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bot.Delivery;

/// <summary>
/// The record of processed activities, kept in the bot's database. A card action (invoke) runs inside one write
/// transaction that also holds its decision, its outbox messages and this record, so "answered 200" and "stored" are the
/// same commit: a crash before it loses the whole turn (Teams then redelivers it), a crash after it loses nothing, and a
/// redelivery finds the record and gets the first answer. Messages make connector calls inside their turn, which must
/// not hold the database's write lock, so they are recorded right after the turn instead.
/// </summary>
public sealed partial class ActivityLedger(BotDbContext database, AfterCommit afterCommit, TimeProvider timeProvider, ILogger<ActivityLedger> logger) : IActivityLedger
{
    public async Task<ProcessedActivityOutcome?> BeginTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (KeyOf(turnContext.Activity) is not var (channelId, conversationId, activityId))
        {
            return null;
        }

        if (turnContext.Activity.IsType(ActivityTypes.Invoke))
        {
            await BeginSerializedTransactionAsync(cancellationToken);
        }

        var earlier = await database.ProcessedActivities.AsNoTracking()
            .SingleOrDefaultAsync(p => p.ChannelId == channelId && p.ConversationId == conversationId && p.ActivityId == activityId, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        if (database.Database.CurrentTransaction is { } transaction)
        {
            await transaction.RollbackAsync(cancellationToken);
        }

        return new ProcessedActivityOutcome(earlier.Status, earlier.InvokeResponseJson);
    }

    public async Task CompleteTurnAsync(ITurnContext turnContext, ProcessedActivityOutcome outcome, CancellationToken cancellationToken)
    {
        var transaction = database.Database.CurrentTransaction;
        if (KeyOf(turnContext.Activity) is var (channelId, conversationId, activityId))
        {
            var record = new ProcessedActivity
            {
                ChannelId = channelId,
                ConversationId = conversationId,
                ActivityId = activityId,
                Status = outcome.Status,
                InvokeResponseJson = outcome.InvokeResponseJson,
                ProcessedAt = timeProvider.GetUtcNow(),
            };
            database.ProcessedActivities.Add(record);
            try
            {
                await database.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // Two copies of one message ran side by side (messages are not serialised); the first record stands.
                database.Entry(record).State = EntityState.Detached;
                LogConcurrentCopy(logger, activityId);
            }
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
            await afterCommit.CommittedAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Card actions run one after another, across every instance of the bot, so simultaneous clicks queue instead of
    /// failing and a copy of an activity waits for the first and then finds its record. On SQLite, IMMEDIATE takes the
    /// write lock up front (a deferred transaction that read first cannot upgrade to a writer after another one
    /// committed). On PostgreSQL, a transaction-scoped advisory lock does the same for every instance on the database
    /// and is released by the commit or rollback, or by the server when an instance dies holding it.
    /// </summary>
    private async Task BeginSerializedTransactionAsync(CancellationToken cancellationToken)
    {
        await database.Database.OpenConnectionAsync(cancellationToken);
        if (database.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            await database.Database.UseTransactionAsync(sqlite.BeginTransaction(deferred: false), cancellationToken);
            return;
        }

        await database.Database.BeginTransactionAsync(cancellationToken);
        await database.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [CardActionLockKey], cancellationToken);
    }

    // Any fixed number works; it only has to be the same in every instance of the bot.
    private const long CardActionLockKey = 0x4341_5244_4143_54;

    private static (string ChannelId, string ConversationId, string ActivityId)? KeyOf(Activity activity) =>
        activity is { ChannelId: { Length: > 0 } channelId, Conversation.Id: { Length: > 0 } conversationId, Id: { Length: > 0 } activityId }
            ? (channelId, conversationId, activityId)
            : null;

    /// <summary>Deletes records older than the retention window; cheap enough to call from a timer or a scheduler job.</summary>
    public static Task<int> PurgeAsync(BotDbContext database, DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        database.ProcessedActivities.Where(p => p.ProcessedAt < olderThan).ExecuteDeleteAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity {ActivityId} was processed twice side by side; the first record stands")]
    private static partial void LogConcurrentCopy(ILogger logger, string activityId);
}
