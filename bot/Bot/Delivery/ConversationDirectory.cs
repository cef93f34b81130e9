using Bot.Persistence;
using Bot.Protocol.Schema;
using Microsoft.EntityFrameworkCore;

namespace Bot.Delivery;

/// <summary>
/// Remembers every conversation and person the bot sees, so that reminders and digests can reach them later.
/// </summary>
public sealed class ConversationDirectory(BotDbContext database, TimeProvider timeProvider)
{
    /// <summary>Strips a channel reply thread's <c>;messageid=…</c> so a Teams channel is stored once.</summary>
    public static string BaseConversationId(string conversationId)
    {
        var threadMarker = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return threadMarker < 0 ? conversationId : conversationId[..threadMarker];
    }

    /// <summary>
    /// Teams often sends two activities for one event at the same moment (installationUpdate and conversationUpdate);
    /// when both insert the same conversation, the loser reads the winner's row and updates it instead.
    /// </summary>
    public async Task RememberAsync(Activity activity, CancellationToken cancellationToken)
    {
        // Install events and the first message can arrive together, each inserting the conversation or the person; every
        // lost race leaves one row fewer to insert, so a few attempts always end.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RememberOnceAsync(activity, cancellationToken);
                return;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 4)
            {
                database.ChangeTracker.Clear();
            }
        }
    }

    private async Task RememberOnceAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Conversation?.Id is not { Length: > 0 } rawConversationId || activity.ServiceUrl is null || activity.ChannelId is null)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var conversationId = BaseConversationId(rawConversationId);
        var channelData = activity.GetChannelData<TeamsChannelData>();
        var conversation = await database.Conversations.FindAsync([conversationId], cancellationToken);
        if (conversation is null)
        {
            conversation = new ConversationRecord
            {
                ConversationId = conversationId,
                ChannelId = activity.ChannelId,
                ServiceUrl = activity.ServiceUrl,
                FirstSeenAt = now,
            };
            database.Conversations.Add(conversation);
        }

        var isPersonal = string.Equals(activity.Conversation.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase);
        conversation.ServiceUrl = activity.ServiceUrl;
        conversation.ChannelId = activity.ChannelId;
        conversation.ConversationType = activity.Conversation.ConversationType ?? conversation.ConversationType;
        conversation.TenantId = activity.GetTenantId() ?? conversation.TenantId;
        conversation.TeamId = channelData?.Team?.Id ?? conversation.TeamId;
        conversation.TeamName = channelData?.Team?.Name ?? conversation.TeamName;
        conversation.TeamsChannelId = channelData?.Channel?.Id ?? conversation.TeamsChannelId;
        conversation.BotId = activity.Recipient?.Id ?? conversation.BotId;
        conversation.BotName = activity.Recipient?.Name ?? conversation.BotName;
        conversation.Locale = activity.Locale ?? conversation.Locale;
        conversation.LastSeenAt = Touch(conversation.LastSeenAt, now);
        if (isPersonal && activity.From?.Id is { } userId)
        {
            conversation.UserId = userId;
            conversation.UserAadObjectId = activity.From.AadObjectId ?? conversation.UserAadObjectId;
        }

        await RememberPersonAsync(activity, now, cancellationToken);
        await database.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// "Last seen" only needs minutes, not every message: leaving it alone for five minutes means a conversation
    /// whose reference did not change costs no write, so busy turns do not queue on the database's write lock.
    /// </summary>
    private static DateTimeOffset Touch(DateTimeOffset lastSeen, DateTimeOffset now) =>
        now - lastSeen >= TimeSpan.FromMinutes(5) ? now : lastSeen;

    public Task<ConversationRecord?> FindAsync(string conversationId, CancellationToken cancellationToken) =>
        database.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.ConversationId == BaseConversationId(conversationId), cancellationToken);

    /// <summary>
    /// Marks the welcome as sent and says whether this call was the one that did it. Teams announces an install with
    /// both installationUpdate and conversationUpdate, and may redeliver either; the single conditional UPDATE makes
    /// exactly one of them win, even when they arrive at once.
    /// </summary>
    public async Task<bool> TryClaimWelcomeAsync(string conversationId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var claimed = await database.Conversations
            .Where(c => c.ConversationId == BaseConversationId(conversationId) && c.WelcomedAt == null)
            .ExecuteUpdateAsync(update => update.SetProperty(c => c.WelcomedAt, now), cancellationToken);
        return claimed == 1;
    }

    public async Task SetInstalledAsync(string conversationId, bool installed, CancellationToken cancellationToken) =>
        await database.Conversations
            .Where(c => c.ConversationId == BaseConversationId(conversationId))
            .ExecuteUpdateAsync(update => update.SetProperty(c => c.IsInstalled, installed), cancellationToken);

    private async Task RememberPersonAsync(Activity activity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (activity.From?.AadObjectId is not { Length: > 0 } aadObjectId)
        {
            return;
        }

        var person = await database.People.FindAsync([aadObjectId], cancellationToken);
        if (person is null)
        {
            person = new Person { AadObjectId = aadObjectId, FirstSeenAt = now };
            database.People.Add(person);
        }

        person.Name = activity.From.Name ?? person.Name;
        person.TeamsUserId = activity.From.Id ?? person.TeamsUserId;
        person.TenantId = activity.GetTenantId() ?? person.TenantId;
        person.Locale = activity.Locale ?? person.Locale;
        person.LastSeenAt = Touch(person.LastSeenAt, now);
    }
}
