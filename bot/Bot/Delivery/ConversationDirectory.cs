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
    /// both may find no conversation and no person yet. The rows are inserted only if absent, so the second one finds
    /// the first one's rows and updates them: no failed insert, no error in the log.
    /// </summary>
    public Task RememberAsync(Activity activity, CancellationToken cancellationToken) => RememberOnceAsync(activity, cancellationToken);

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
            await database.InsertIfAbsentAsync(
                new ConversationRecord { ConversationId = conversationId, ChannelId = activity.ChannelId, ServiceUrl = activity.ServiceUrl, FirstSeenAt = now },
                cancellationToken);
            conversation = await database.Conversations.SingleAsync(c => c.ConversationId == conversationId, cancellationToken);
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
            await database.InsertIfAbsentAsync(new Person { AadObjectId = aadObjectId, FirstSeenAt = now }, cancellationToken);
            person = await database.People.SingleAsync(p => p.AadObjectId == aadObjectId, cancellationToken);
        }

        person.Name = activity.From.Name ?? person.Name;
        person.TeamsUserId = activity.From.Id ?? person.TeamsUserId;
        person.TenantId = activity.GetTenantId() ?? person.TenantId;
        person.Locale = activity.Locale ?? person.Locale;
        person.LastSeenAt = Touch(person.LastSeenAt, now);
    }
}
