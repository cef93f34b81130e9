using System.Text.Json;
using Bot.Hosting;
using Bot.Persistence;
using Bot.Protocol.Connector;
using Bot.Protocol.Schema;
using Bot.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Delivery;

/// <summary>
/// Sends the outbox: due messages in order (messages of one slot strictly one after the other), paced per conversation
/// and tenant, each attempt bounded by <see cref="DeliveryOptions.SendTimeout"/>. A 429 waits its Retry-After; 412, 5xx,
/// timeouts and network errors back off exponentially with jitter; anything else, or too many attempts, makes a dead
/// letter. The state of every message is in the database, so a restart carries on where the last process stopped.
/// </summary>
public sealed partial class OutboxWorker(
    IServiceScopeFactory scopeFactory,
    ConnectorClientFactory connectors,
    OutboxSignal signal,
    DeliveryPacer pacer,
    TimeProvider timeProvider,
    IOptions<DeliveryOptions> options,
    IEnumerable<ISlotHistory> slotHistories,
    BotMetrics metrics,
    ILogger<OutboxWorker> logger) : WakeUpWorker(signal, timeProvider)
{
    private const int BatchSize = 100;

    // A busy outbox runs a pass per enqueued message; the backlog gauge needs no fresher figure than this.
    private static readonly TimeSpan BacklogCountInterval = TimeSpan.FromSeconds(1);
    private DateTimeOffset _backlogCountedAt = DateTimeOffset.MinValue;

    protected override Task<TimeSpan> PassAsync(CancellationToken stoppingToken) => DeliverDueAsync(stoppingToken);

    protected override TimeSpan PassFailed(Exception exception)
    {
        LogWorkerFailed(logger, exception);
        return options.Value.PollInterval;
    }

    /// <summary>One pass over the due messages; returns how long to sleep unless woken.</summary>
    public async Task<TimeSpan> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = Clock.GetUtcNow();
        var claim = Guid.NewGuid().ToString("N");
        var claimedUntil = now + options.Value.ClaimLease;
        var due = await ClaimDueAsync(database, claim, now, claimedUntil, cancellationToken);

        try
        {
            return await DeliverClaimedAsync(database, due, now, claimedUntil, cancellationToken);
        }
        finally
        {
            // What this pass took but did not send (paced, waiting for its slot, out of lease) is free again at once.
            await database.Database.ExecuteSqlRawAsync(
                """UPDATE "OutboundMessages" SET "ClaimedBy" = NULL, "ClaimedUntil" = NULL WHERE "ClaimedBy" = {0}""",
                [claim],
                CancellationToken.None);
        }
    }

    private async Task<TimeSpan> DeliverClaimedAsync(BotDbContext database, List<OutboundMessage> due, DateTimeOffset now, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
    {
        var slots = due.Where(m => m.Slot is not null).Select(m => m.Slot!).Distinct().ToList();
        var slotHeads = slots.Count == 0
            ? []
            : await SlotHeads(database, slots).ToHashSetAsync(comparer: null, cancellationToken);

        var wakeAt = now + options.Value.PollInterval;
        var deferred = false;
        var spacing = TimeSpan.FromSeconds(1 / options.Value.ConversationPerSecond);
        var nextTurn = new Dictionary<string, DateTimeOffset>();
        var heads = await ConversationHeadsAsync(database, due, cancellationToken);
        foreach (var message in due)
        {
            // Stopping: the send under way has finished and is recorded; the rest waits for the next start.
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            // A send that could outlast the claim might overlap another instance's send of the same message.
            if (Clock.GetUtcNow() + options.Value.SendTimeout >= claimedUntil)
            {
                wakeAt = now;
                break;
            }

            var conversationKey = ConversationKey(message);
            // Only the oldest waiting message of a conversation may go: waiting turns are times, and times can tie or
            // cross, but the order people read in must not. A slot's later message also waits for the slot's earlier
            // one, which it updates in place.
            var isConversationHead = heads.TryGetValue(conversationKey, out var head) && head == message.Id;
            var waitsForSlot = message.Slot is not null && !slotHeads.Contains(message.Id);
            var isHead = isConversationHead && !waitsForSlot;
            var free = Clock.GetUtcNow();
            if (!isHead || !pacer.TryAcquire(conversationKey, message.TenantId, Clock.GetUtcNow(), out free))
            {
                // The row waits in the database for its turn, so the next pass reads the messages behind it instead
                // of this one again: a busy channel must not hold up everyone else's reminders. Each waiting message
                // of a conversation gets its own turn, behind those already waiting, so a wake-up finds one due rather
                // than the whole backlog, which would keep the worker busy rewriting rows it cannot send.
                DateTimeOffset turn;
                if (!isHead && head == 0)
                {
                    // The one before it went out in this pass: it is next, on the next pass.
                    turn = free;
                }
                else
                {
                    if (!nextTurn.TryGetValue(conversationKey, out turn))
                    {
                        var queuedUntil = await LastTurnAsync(database, message, now, cancellationToken);
                        turn = queuedUntil is { } last && last >= free ? last + spacing : free;
                    }

                    nextTurn[conversationKey] = turn + spacing;
                }

                if (isConversationHead && waitsForSlot && turn < now + spacing)
                {
                    // Its slot's earlier message waits in another conversation (the team's channel moved): look again in
                    // a moment, not on every pass.
                    turn = now + spacing;
                }

                message.NextAttemptAt = turn;
                deferred = true;
                wakeAt = turn < wakeAt ? turn : wakeAt;
                continue;
            }

            heads[conversationKey] = 0;
            await DeliverAsync(database, message);
            message.ClaimedBy = null;
            message.ClaimedUntil = null;
            // What the connector took is recorded even while the bot stops, or the next start would send it again.
            await database.SaveChangesAsync(CancellationToken.None);
        }

        if (deferred)
        {
            await database.SaveChangesAsync(cancellationToken);
        }

        // Messages another instance holds are its business; they come back here only if its claim lapses (poll).
        var nextDue = await NextDueUnclaimed(database, now, cancellationToken);
        if (nextDue is { } next && next < wakeAt)
        {
            wakeAt = next;
        }

        await CountBacklogAsync(database, cancellationToken);

        var wait = wakeAt - Clock.GetUtcNow();
        return due.Count == BatchSize || wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>
    /// Counts what waits, here and not in the gauge's callback: the callback runs on the metrics exporter's thread and
    /// must not touch the database. Only while someone collects the gauge, and at most once per interval.
    /// </summary>
    private async Task CountBacklogAsync(BotDbContext database, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        if (!metrics.OutboxBacklogWatched || now - _backlogCountedAt < BacklogCountInterval)
        {
            return;
        }

        _backlogCountedAt = now;
        metrics.OutboxBacklogCounted(await database.OutboundMessages.LongCountAsync(m => m.State == OutboundState.Pending, cancellationToken));
    }

    private static string ConversationKey(OutboundMessage message) => message.ConversationId ?? "person:" + message.RecipientAadObjectId;

    /// <summary>The oldest pending message of each conversation in the batch, by id.</summary>
    private static async Task<Dictionary<string, long>> ConversationHeadsAsync(BotDbContext database, List<OutboundMessage> due, CancellationToken cancellationToken)
    {
        var conversations = due.Where(m => m.ConversationId != null).Select(m => m.ConversationId!).Distinct().ToList();
        var recipients = due.Where(m => m.ConversationId == null).Select(m => m.RecipientAadObjectId).Distinct().ToList();
        var heads = new Dictionary<string, long>();
        if (conversations.Count > 0)
        {
            await foreach (var head in ConversationHeads(database, conversations).WithCancellation(cancellationToken))
            {
                heads[head.Key!] = head.Id;
            }
        }

        if (recipients.Count > 0)
        {
            await foreach (var head in PersonalChatHeads(database, recipients).WithCancellation(cancellationToken))
            {
                heads["person:" + head.Key] = head.Id;
            }
        }

        return heads;
    }

    /// <summary>The latest turn a waiting message of the same conversation was given; null when none waits.</summary>
    private static Task<DateTimeOffset?> LastTurnAsync(BotDbContext database, OutboundMessage message, DateTimeOffset now, CancellationToken cancellationToken) =>
        message.ConversationId is { } conversation
            ? LastTurnInConversation(database, conversation, message.Id, now, cancellationToken)
            : LastTurnInPersonalChat(database, message.RecipientAadObjectId, message.Id, now, cancellationToken);

    // The reads of a pass, compiled once (see ClaimDueSql).
    private static readonly Func<BotDbContext, List<string>, IAsyncEnumerable<long>> SlotHeads =
        EF.CompileAsyncQuery((BotDbContext db, List<string> slots) =>
            db.OutboundMessages
                .Where(m => m.State == OutboundState.Pending && m.Slot != null && slots.Contains(m.Slot))
                .GroupBy(m => m.Slot)
                .Select(g => g.Min(m => m.Id)));

    // The head as a record, not a tuple: Npgsql reads a tuple projection as a PostgreSQL row value, which it refuses.
    private sealed record QueueHead(string? Key, long Id);

    private static readonly Func<BotDbContext, List<string>, IAsyncEnumerable<QueueHead>> ConversationHeads =
        EF.CompileAsyncQuery((BotDbContext db, List<string> conversations) =>
            db.OutboundMessages
                .Where(m => m.State == OutboundState.Pending && m.ConversationId != null && conversations.Contains(m.ConversationId))
                .GroupBy(m => m.ConversationId!)
                .Select(g => new QueueHead(g.Key, g.Min(m => m.Id))));

    private static readonly Func<BotDbContext, List<string?>, IAsyncEnumerable<QueueHead>> PersonalChatHeads =
        EF.CompileAsyncQuery((BotDbContext db, List<string?> recipients) =>
            db.OutboundMessages
                .Where(m => m.State == OutboundState.Pending && m.ConversationId == null && recipients.Contains(m.RecipientAadObjectId))
                .GroupBy(m => m.RecipientAadObjectId)
                .Select(g => new QueueHead(g.Key, g.Min(m => m.Id))));

    private static readonly Func<BotDbContext, string, long, DateTimeOffset, CancellationToken, Task<DateTimeOffset?>> LastTurnInConversation =
        EF.CompileAsyncQuery((BotDbContext db, string conversation, long messageId, DateTimeOffset now, CancellationToken _) =>
            db.OutboundMessages
                .Where(m => m.State == OutboundState.Pending && m.NextAttemptAt > now && m.Id != messageId && m.ConversationId == conversation)
                .OrderByDescending(m => m.NextAttemptAt)
                .Select(m => (DateTimeOffset?)m.NextAttemptAt)
                .FirstOrDefault());

    private static readonly Func<BotDbContext, string?, long, DateTimeOffset, CancellationToken, Task<DateTimeOffset?>> LastTurnInPersonalChat =
        EF.CompileAsyncQuery((BotDbContext db, string? recipient, long messageId, DateTimeOffset now, CancellationToken _) =>
            db.OutboundMessages
                .Where(m => m.State == OutboundState.Pending && m.NextAttemptAt > now && m.Id != messageId && m.ConversationId == null && m.RecipientAadObjectId == recipient)
                .OrderByDescending(m => m.NextAttemptAt)
                .Select(m => (DateTimeOffset?)m.NextAttemptAt)
                .FirstOrDefault());

    /// <summary>
    /// Takes up to a batch of due messages nobody holds, for this pass only, so several instances share the outbox
    /// without sending a message twice. PostgreSQL: rows another worker is claiming at this moment are skipped, not
    /// waited for (FOR UPDATE SKIP LOCKED), and the claim conditions are checked again on the locked row. SQLite: the
    /// single UPDATE runs under the database's one write lock, which makes the check and the claim one step.
    /// </summary>
    private static async Task<List<OutboundMessage>> ClaimDueAsync(BotDbContext database, string claim, DateTimeOffset now, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
    {
        await database.Database.ExecuteSqlRawAsync(
            ClaimDueStatement(database.Database.IsNpgsql()),
            [claim, ModelSql.ToProvider<OutboundMessage>(database, nameof(OutboundMessage.ClaimedUntil), claimedUntil), ModelSql.ToProvider<OutboundMessage>(database, nameof(OutboundMessage.ClaimedUntil), now), BatchSize],
            cancellationToken);
        return await ClaimedBy(database, claim).ToListAsync(cancellationToken);
    }

    /// <summary>The claim's statement, with its parameters as {0} to {3} (claim, claimed until, now, batch size).</summary>
    internal static string ClaimDueStatement(bool postgres) => ClaimDueSql + ModelSql.SkipLockedRows(postgres) + ")";

    // A busy outbox runs a pass per enqueued message, so the pass's statements are SQL or compiled once. Built from LINQ
    // on each pass, EF walked each one's expression for its parameters and cached plan.
    private const string ClaimDueSql =
        """
        UPDATE "OutboundMessages" SET "ClaimedBy" = {0}, "ClaimedUntil" = {1}
        WHERE "Id" IN (
            SELECT "Id" FROM "OutboundMessages"
            WHERE "State" = 'Pending' AND "NextAttemptAt" <= {2} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {2})
            ORDER BY "Id" LIMIT {3}
        """;

    // AsQueryable makes the lambda return IQueryable, so the overload that streams rows is chosen: with OrderBy's
    // IOrderedQueryable, C# picks the one that would return the query object itself.
    private static readonly Func<BotDbContext, string, IAsyncEnumerable<OutboundMessage>> ClaimedBy =
        EF.CompileAsyncQuery((BotDbContext db, string claim) => db.OutboundMessages.Where(m => m.ClaimedBy == claim).OrderBy(m => m.Id).AsQueryable());

    private static readonly Func<BotDbContext, DateTimeOffset, CancellationToken, Task<DateTimeOffset?>> NextDueUnclaimed =
        EF.CompileAsyncQuery((BotDbContext db, DateTimeOffset now, CancellationToken _) =>
            db.OutboundMessages
                .Where(m => m.State == OutboundState.Pending && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .OrderBy(m => m.NextAttemptAt)
                .Select(m => (DateTimeOffset?)m.NextAttemptAt)
                .FirstOrDefault());

    /// <summary>
    /// One attempt, bounded by <see cref="DeliveryOptions.SendTimeout"/> only: a stopping bot lets the send under way
    /// finish (the host's shutdown timeout is longer), since a send cut off after the connector took it cannot be told
    /// from one that never arrived, and would go out again after the restart.
    /// </summary>
    private async Task DeliverAsync(BotDbContext database, OutboundMessage message)
    {
        using var timeout = new CancellationTokenSource(options.Value.SendTimeout, Clock);
        try
        {
            var connector = connectors.CreateWithoutRetries(message.ServiceUrl);
            var conversationId = message.ConversationId ?? await OpenPersonalChatAsync(database, connector, message, timeout.Token);
            var activity = JsonSerializer.Deserialize<Activity>(message.ActivityJson, ProtocolJson.Options)!;
            activity.Conversation ??= new ConversationAccount { Id = conversationId };
            var updateId = message.Operation switch
            {
                OutboundOperation.Update => message.UpdateActivityId,
                OutboundOperation.SendOrUpdateSlot => await SlotActivityIdAsync(database, message.Slot!, slotHistories, timeout.Token),
                _ => null,
            };

            string? sentId;
            if (updateId is not null)
            {
                await connector.UpdateActivityAsync(conversationId, updateId, activity, timeout.Token);
                sentId = updateId;
            }
            else
            {
                sentId = (await connector.SendToConversationAsync(conversationId, activity, timeout.Token))?.Id;
                foreach (var history in slotHistories)
                {
                    await history.SentAsync(database, message, conversationId, sentId, timeout.Token);
                }
            }

            message.Attempts++;
            message.State = OutboundState.Sent;
            message.SentAt = Clock.GetUtcNow();
            message.SentActivityId = sentId;
            message.LastError = null;
            LogSent(logger, message.Id, message.Kind, message.Attempts);
            metrics.OutboxSent(message.Kind);
        }
        catch (UntrustedServiceUrlException)
        {
            Fail(message, "untrusted-service-url", retry: false, retryAfter: null);
        }
        catch (ConnectorException e)
        {
            var status = (int)e.StatusCode;
            Fail(message, $"http-{status}", retry: status is 412 or 429 or >= 500, e.RetryAfter);
        }
        catch (HttpRequestException)
        {
            Fail(message, "network", retry: true, retryAfter: null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Fail(message, "timeout", retry: true, retryAfter: null);
        }
    }

    /// <summary>The message a slot's first send created; slots from before the outbox are asked of the features that kept them.</summary>
    private static async Task<string?> SlotActivityIdAsync(BotDbContext database, string slot, IEnumerable<ISlotHistory> histories, CancellationToken cancellationToken)
    {
        var sent = await FirstSentOfSlot(database, slot, cancellationToken);
        foreach (var history in histories)
        {
            sent ??= await history.EarlierActivityIdAsync(database, slot, cancellationToken);
        }

        return sent;
    }

    private static readonly Func<BotDbContext, string, CancellationToken, Task<string?>> FirstSentOfSlot =
        EF.CompileAsyncQuery((BotDbContext db, string slot, CancellationToken _) =>
            db.OutboundMessages
                .Where(m => m.Slot == slot && m.State == OutboundState.Sent && m.SentActivityId != null)
                .OrderBy(m => m.Id)
                .Select(m => m.SentActivityId)
                .FirstOrDefault());

    private void Fail(OutboundMessage message, string error, bool retry, TimeSpan? retryAfter)
    {
        message.Attempts++;
        message.LastError = error;
        if (!retry || message.Attempts >= options.Value.MaxAttempts)
        {
            message.State = OutboundState.DeadLetter;
            LogDeadLetter(logger, message.Id, message.Kind, message.Attempts, error);
            metrics.OutboxDeadLettered(message.Kind, error);
            return;
        }

        var delay = retryAfter ?? Backoff(message.Attempts);
        message.NextAttemptAt = Clock.GetUtcNow() + delay;
        LogRetry(logger, message.Id, message.Kind, message.Attempts, error, delay);
        metrics.OutboxRetried(message.Kind, error);
    }

    /// <summary>Exponential, capped, with "equal jitter": half the delay fixed, half random, so retries of many messages spread out.</summary>
    private TimeSpan Backoff(int attempts)
    {
        var settings = options.Value;
        var exponential = settings.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 20));
        var capped = Math.Min(exponential, settings.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + Random.Shared.NextDouble() * capped / 2);
    }

    /// <summary>
    /// Finds the recipient's personal chat, or opens it (bots may start a 1:1 chat with a team member; Teams needs the
    /// tenant). The conversation is stored on the message at once, so a retry after a failed send does not open another.
    /// </summary>
    private async Task<string> OpenPersonalChatAsync(BotDbContext database, ConnectorClient connector, OutboundMessage message, CancellationToken cancellationToken)
    {
        var existing = await database.Conversations.AsNoTracking().FirstOrDefaultAsync(
            c => c.ConversationType == ConversationTypes.Personal && c.UserAadObjectId == message.RecipientAadObjectId && c.IsInstalled,
            cancellationToken);
        if (existing is not null)
        {
            message.ConversationId = existing.ConversationId;
            message.ServiceUrl = existing.ServiceUrl;
            return existing.ConversationId;
        }

        var created = await connector.CreateConversationAsync(
            new ConversationParameters
            {
                IsGroup = false,
                Bot = new ChannelAccount(message.BotId ?? string.Empty, message.BotName),
                Members = [new ChannelAccount(message.RecipientUserId ?? string.Empty, message.RecipientName, message.RecipientAadObjectId)],
                TenantId = message.TenantId,
                ChannelData = new TeamsChannelData { Tenant = new TenantInfo { Id = message.TenantId } },
            },
            cancellationToken);
        var now = Clock.GetUtcNow();
        var person = await database.People.FindAsync([message.RecipientAadObjectId], cancellationToken);
        var record = new ConversationRecord
        {
            ConversationId = created?.Id ?? throw new HttpRequestException("The connector created no conversation."),
            ChannelId = Channels.Msteams,
            ServiceUrl = message.ServiceUrl,
            ConversationType = ConversationTypes.Personal,
            TenantId = message.TenantId,
            BotId = message.BotId,
            BotName = message.BotName,
            UserId = message.RecipientUserId,
            UserAadObjectId = message.RecipientAadObjectId,
            Locale = person?.Locale,
            FirstSeenAt = now,
            LastSeenAt = now,
        };
        database.Conversations.Add(record);
        message.ConversationId = record.ConversationId;
        await database.SaveChangesAsync(cancellationToken);
        return record.ConversationId;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbound message {MessageId} ({Kind}) sent on attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, long messageId, string kind, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbound message {MessageId} ({Kind}) failed on attempt {Attempt} with {Error}; next try in {Delay}")]
    private static partial void LogRetry(ILogger logger, long messageId, string kind, int attempt, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbound message {MessageId} ({Kind}) is a dead letter after {Attempts} attempts; last error {Error}")]
    private static partial void LogDeadLetter(ILogger logger, long messageId, string kind, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox worker failed a pass; it tries again after the poll interval")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);
}

/// <summary>The outbox slot of a post's approval card: one message in the team's channel, updated in place ever after.</summary>

/// <summary>
/// A feature that keeps its own record of where a slot's message sits (from before the outbox existed, or read by
/// others), told of every first send and asked when the outbox has no record of a slot yet.
/// </summary>
public interface ISlotHistory
{
    Task<string?> EarlierActivityIdAsync(BotDbContext database, string slot, CancellationToken cancellationToken);

    /// <summary>A message was sent for the first time; what this adds to <paramref name="database"/> is saved with the send.</summary>
    Task SentAsync(BotDbContext database, OutboundMessage message, string conversationId, string? activityId, CancellationToken cancellationToken);
}
