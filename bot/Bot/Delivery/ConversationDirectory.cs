using Bot.Persistence;
using Bot.Protocol.Schema;
using Microsoft.EntityFrameworkCore;

namespace Bot.Delivery;

/// <summary>
/// Remembers every conversation and person the bot sees, so that reminders and digests can reach them later.
/// </summary>
public sealed class ConversationDirectory(BotDbContext database, RecentlyRemembered recentlyRemembered, TimeProvider timeProvider)
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
    /// the first one's rows and updates them: no failed insert, no error in the log. Most turns change nothing (same
    /// serviceUrl, names and locale, last seen less than five minutes ago): they cost no write, so they neither build
    /// change-tracking snapshots nor queue for the database's write lock, and once read, no read either until "last
    /// seen" is due (<see cref="RecentlyRemembered"/>).
    /// </summary>
    public async Task RememberAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Conversation?.Id is not { Length: > 0 } rawConversationId || activity.ServiceUrl is null || activity.ChannelId is null)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var conversationId = BaseConversationId(rawConversationId);
        var channelData = activity.GetChannelData<TeamsChannelData>();
        var tenantId = activity.GetTenantId();
        var senderAadObjectId = activity.From?.AadObjectId is { Length: > 0 } sender ? sender : null;
        var fingerprint = Fingerprint(activity, channelData, tenantId);
        if (recentlyRemembered.IsCurrent(conversationId, senderAadObjectId, fingerprint))
        {
            return;
        }

        var stored = await ConversationById(database, conversationId, cancellationToken);
        var changed = stored is null || Refresh(stored, activity, channelData, tenantId, now);
        var person = senderAadObjectId is not null ? await PersonById(database, senderAadObjectId, cancellationToken) : null;
        var personChanged = senderAadObjectId is not null && (person is null || Refresh(person, activity, tenantId, now));
        if (!changed && !personChanged)
        {
            // Both rows say what this activity says: nothing to write until the earlier "last seen" is due a touch.
            var lastSeen = person is null || stored!.LastSeenAt < person.LastSeenAt ? stored!.LastSeenAt : person.LastSeenAt;
            recentlyRemembered.Remember(conversationId, senderAadObjectId, fingerprint, lastSeen + TouchInterval);
            return;
        }

        if (changed)
        {
            var conversation = await database.Conversations.FindAsync([conversationId], cancellationToken);
            if (conversation is null)
            {
                await database.InsertIfAbsentAsync(
                    new ConversationRecord { ConversationId = conversationId, ChannelId = activity.ChannelId, ServiceUrl = activity.ServiceUrl, FirstSeenAt = now },
                    cancellationToken);
                conversation = await database.Conversations.SingleAsync(c => c.ConversationId == conversationId, cancellationToken);
            }

            Refresh(conversation, activity, channelData, tenantId, now);
        }

        if (personChanged)
        {
            await RememberPersonAsync(activity, tenantId, now, cancellationToken);
        }

        await database.SaveChangesAsync(cancellationToken);
    }

    private static readonly Func<BotDbContext, string, CancellationToken, Task<ConversationRecord?>> ConversationById =
        EF.CompileAsyncQuery((BotDbContext db, string id, CancellationToken _) => db.Conversations.AsNoTracking().SingleOrDefault(c => c.ConversationId == id));

    private static readonly Func<BotDbContext, string, CancellationToken, Task<Person?>> PersonById =
        EF.CompileAsyncQuery((BotDbContext db, string id, CancellationToken _) => db.People.AsNoTracking().SingleOrDefault(p => p.AadObjectId == id));

    /// <summary>Brings the row up to date with the activity and says whether anything changed.</summary>
    private static bool Refresh(ConversationRecord conversation, Activity activity, TeamsChannelData? channelData, string? tenantId, DateTimeOffset now)
    {
        var isPersonal = string.Equals(activity.Conversation!.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase);
        var userId = isPersonal && activity.From?.Id is { } fromId ? fromId : conversation.UserId;
        var userAadObjectId = isPersonal && activity.From?.Id is not null ? activity.From.AadObjectId ?? conversation.UserAadObjectId : conversation.UserAadObjectId;
        var conversationType = activity.Conversation.ConversationType ?? conversation.ConversationType;
        var teamId = channelData?.Team?.Id ?? conversation.TeamId;
        var teamName = channelData?.Team?.Name ?? conversation.TeamName;
        var teamsChannelId = channelData?.Channel?.Id ?? conversation.TeamsChannelId;
        var botId = activity.Recipient?.Id ?? conversation.BotId;
        var botName = activity.Recipient?.Name ?? conversation.BotName;
        var locale = activity.Locale ?? conversation.Locale;
        var lastSeen = Touch(conversation.LastSeenAt, now);
        var changed = !(Same(conversation.ServiceUrl, activity.ServiceUrl) && Same(conversation.ChannelId, activity.ChannelId)
            && Same(conversation.ConversationType, conversationType) && Same(conversation.TenantId, tenantId ?? conversation.TenantId)
            && Same(conversation.TeamId, teamId) && Same(conversation.TeamName, teamName) && Same(conversation.TeamsChannelId, teamsChannelId)
            && Same(conversation.BotId, botId) && Same(conversation.BotName, botName) && Same(conversation.Locale, locale)
            && Same(conversation.UserId, userId) && Same(conversation.UserAadObjectId, userAadObjectId)
            && conversation.LastSeenAt == lastSeen);

        conversation.ServiceUrl = activity.ServiceUrl!;
        conversation.ChannelId = activity.ChannelId!;
        conversation.ConversationType = conversationType;
        conversation.TenantId = tenantId ?? conversation.TenantId;
        conversation.TeamId = teamId;
        conversation.TeamName = teamName;
        conversation.TeamsChannelId = teamsChannelId;
        conversation.BotId = botId;
        conversation.BotName = botName;
        conversation.Locale = locale;
        conversation.UserId = userId;
        conversation.UserAadObjectId = userAadObjectId;
        conversation.LastSeenAt = lastSeen;
        return changed;
    }

    private static bool Refresh(Person person, Activity activity, string? tenantId, DateTimeOffset now)
    {
        var name = activity.From!.Name ?? person.Name;
        var teamsUserId = activity.From.Id ?? person.TeamsUserId;
        var tenant = tenantId ?? person.TenantId;
        var locale = activity.Locale ?? person.Locale;
        var lastSeen = Touch(person.LastSeenAt, now);
        var changed = !(Same(person.Name, name) && Same(person.TeamsUserId, teamsUserId) && Same(person.TenantId, tenant)
            && Same(person.Locale, locale) && person.LastSeenAt == lastSeen);

        person.Name = name;
        person.TeamsUserId = teamsUserId;
        person.TenantId = tenant;
        person.Locale = locale;
        person.LastSeenAt = lastSeen;
        return changed;
    }

    private static bool Same(string? stored, string? value) => string.Equals(stored, value, StringComparison.Ordinal);

    /// <summary>Everything of the activity that <see cref="Refresh(ConversationRecord, Activity, TeamsChannelData?, string?, DateTimeOffset)"/> and the person's refresh store.</summary>
    private static string Fingerprint(Activity activity, TeamsChannelData? channelData, string? tenantId) =>
        string.Join(
            '\u001f',
            activity.ServiceUrl,
            activity.ChannelId,
            activity.Conversation!.ConversationType,
            tenantId,
            channelData?.Team?.Id,
            channelData?.Team?.Name,
            channelData?.Channel?.Id,
            activity.Recipient?.Id,
            activity.Recipient?.Name,
            activity.Locale,
            activity.From?.Id,
            activity.From?.AadObjectId,
            activity.From?.Name);

    /// <summary>
    /// "Last seen" only needs minutes, not every message: leaving it alone for five minutes means a conversation
    /// whose reference did not change costs no write, so busy turns do not queue on the database's write lock.
    /// </summary>
    private static DateTimeOffset Touch(DateTimeOffset lastSeen, DateTimeOffset now) =>
        now - lastSeen >= TouchInterval ? now : lastSeen;

    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(5);

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

    private async Task RememberPersonAsync(Activity activity, string? tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var aadObjectId = activity.From!.AadObjectId!;
        var person = await database.People.FindAsync([aadObjectId], cancellationToken);
        if (person is null)
        {
            await database.InsertIfAbsentAsync(new Person { AadObjectId = aadObjectId, FirstSeenAt = now }, cancellationToken);
            person = await database.People.SingleAsync(p => p.AadObjectId == aadObjectId, cancellationToken);
        }

        Refresh(person, activity, tenantId, now);
    }
}
