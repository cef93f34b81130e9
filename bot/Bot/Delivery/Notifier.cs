using Bot.Localization;
using Bot.Persistence;
using Bot.Protocol.Builder;
using Bot.Protocol.Connector;
using Bot.Protocol.Schema;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Delivery;

/// <summary>
/// Tells people things the bot did not just answer them about: a personal message to someone who was assigned, a note
/// in the team's channel. A failure here is logged and does not undo the change that caused it.
/// </summary>
public sealed partial class Notifier(
    BotDbContext database,
    ConnectorClientFactory connectors,
    DeliveryPacer pacer,
    TimeProvider timeProvider,
    IOptions<Chat.BotOptions> options,
    ILogger<Notifier> logger)
{
    /// <summary>Writes to the person's personal chat with the bot, starting it if there is none yet, in the person's language.</summary>
    public async Task TellPersonAsync(Team team, TeamMember member, ChannelAccount bot, string serviceUrl, Func<BotTexts, string> message, CancellationToken cancellationToken)
    {
        try
        {
            var conversation = await PersonalConversationAsync(team, member, bot, serviceUrl, cancellationToken);
            var texts = new BotTexts(BotLanguage.FromLocale(conversation.Locale ?? team.Language ?? options.Value.DefaultLanguage));
            var activity = MessageFactory.Text(message(texts)).ApplyConversationReference(conversation.ToReference());
            await pacer.WaitForSlotAsync(conversation.ConversationId, cancellationToken);
            await connectors.Create(conversation.ServiceUrl).SendToConversationAsync(conversation.ConversationId, activity, cancellationToken);
        }
        catch (Exception e) when (e is ConnectorException or HttpRequestException)
        {
            LogNotificationFailed(logger, e, "personal", member.AadObjectId);
        }
    }

    /// <summary>A short note in the team's home channel, for changes made from a personal chat.</summary>
    public async Task TellTeamAsync(Team team, string serviceUrl, Func<BotTexts, string> message, CancellationToken cancellationToken)
    {
        var channelId = team.HomeTeamsChannelId ?? team.TeamId;
        try
        {
            var texts = new BotTexts(BotLanguage.FromLocale(team.Language ?? options.Value.DefaultLanguage));
            await pacer.WaitForSlotAsync(channelId, cancellationToken);
            await connectors.Create(serviceUrl).SendToConversationAsync(channelId, MessageFactory.Text(message(texts)), cancellationToken);
        }
        catch (Exception e) when (e is ConnectorException or HttpRequestException)
        {
            LogNotificationFailed(logger, e, "team", channelId);
        }
    }

    /// <summary>
    /// A note in the team's home channel when no one just spoke to the bot (a reminder, an escalation): the address
    /// comes from the team's stored conversation.
    /// </summary>
    public async Task TellTeamAsync(Team team, Func<BotTexts, string> message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        if (await TeamConversationAsync(team, cancellationToken) is not { } known)
        {
            LogNoAddress(logger, "team", team.TeamId);
            return;
        }

        await TellTeamAsync(team, known.ServiceUrl, message, cancellationToken);
    }

    /// <summary>A text in a person's personal chat, known only by their AAD object id (for reminders, which have no turn).</summary>
    public Task<bool> TellPersonByIdAsync(Team team, string aadObjectId, Func<BotTexts, string> message, CancellationToken cancellationToken) =>
        SendPersonallyAsync(team, aadObjectId, texts => MessageFactory.Text(message(texts)), cancellationToken);

    /// <summary>A card in a person's personal chat, known only by their AAD object id.</summary>
    public Task<bool> SendPersonallyAsync(Team team, string aadObjectId, Func<BotTexts, Protocol.AdaptiveCards.AdaptiveCard> card, CancellationToken cancellationToken) =>
        SendPersonallyAsync(team, aadObjectId, texts => MessageFactory.Attachment(card(texts).ToAttachment()), cancellationToken);

    private async Task<bool> SendPersonallyAsync(Team team, string aadObjectId, Func<BotTexts, Activity> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        try
        {
            var conversation = await database.Conversations.AsNoTracking().FirstOrDefaultAsync(
                c => c.ConversationType == ConversationTypes.Personal && c.UserAadObjectId == aadObjectId && c.IsInstalled,
                cancellationToken);
            if (conversation is null)
            {
                var person = await database.People.AsNoTracking().SingleOrDefaultAsync(p => p.AadObjectId == aadObjectId, cancellationToken);
                if (person?.TeamsUserId is not { Length: > 0 } userId || await TeamConversationAsync(team, cancellationToken) is not { BotId: { } botId } known)
                {
                    LogNoAddress(logger, "personal", aadObjectId);
                    return false;
                }

                conversation = await PersonalConversationAsync(team, new TeamMember(aadObjectId, userId, person.Name ?? string.Empty), new ChannelAccount(botId, known.BotName), known.ServiceUrl, cancellationToken);
            }

            var texts = new BotTexts(BotLanguage.FromLocale(conversation.Locale ?? team.Language ?? options.Value.DefaultLanguage));
            var activity = build(texts).ApplyConversationReference(conversation.ToReference());
            await pacer.WaitForSlotAsync(conversation.ConversationId, cancellationToken);
            await connectors.Create(conversation.ServiceUrl).SendToConversationAsync(conversation.ConversationId, activity, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is ConnectorException or HttpRequestException)
        {
            LogNotificationFailed(logger, e, "personal", aadObjectId);
            return false;
        }
    }

    private Task<ConversationRecord?> TeamConversationAsync(Team team, CancellationToken cancellationToken) =>
        database.Conversations.AsNoTracking()
            .Where(c => c.TeamId == team.TeamId && c.BotId != null)
            .OrderByDescending(c => c.LastSeenAt)
            .FirstOrDefaultAsync(cancellationToken);

    private async Task<ConversationRecord> PersonalConversationAsync(Team team, TeamMember member, ChannelAccount bot, string serviceUrl, CancellationToken cancellationToken)
    {
        var existing = await database.Conversations.AsNoTracking().FirstOrDefaultAsync(
            c => c.ConversationType == ConversationTypes.Personal && c.UserAadObjectId == member.AadObjectId && c.IsInstalled,
            cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        // Bots may open a 1:1 chat with a team member; Teams needs the tenant to do it.
        var created = await connectors.Create(serviceUrl).CreateConversationAsync(
            new ConversationParameters
            {
                IsGroup = false,
                Bot = bot,
                Members = [new ChannelAccount(member.UserId, member.Name, member.AadObjectId)],
                TenantId = team.TenantId,
                ChannelData = new TeamsChannelData { Tenant = new TenantInfo { Id = team.TenantId } },
            },
            cancellationToken);
        var now = timeProvider.GetUtcNow();
        var person = await database.People.FindAsync([member.AadObjectId], cancellationToken);
        var record = new ConversationRecord
        {
            ConversationId = created?.Id ?? throw new InvalidOperationException("The connector created no conversation."),
            ChannelId = Channels.Msteams,
            ServiceUrl = created.ServiceUrl ?? serviceUrl,
            ConversationType = ConversationTypes.Personal,
            TenantId = team.TenantId,
            BotId = bot.Id,
            BotName = bot.Name,
            UserId = member.UserId,
            UserAadObjectId = member.AadObjectId,
            Locale = person?.Locale,
            FirstSeenAt = now,
            LastSeenAt = now,
        };
        database.Conversations.Add(record);
        await database.SaveChangesAsync(cancellationToken);
        return record;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No stored address for a {Kind} notification to {Target}")]
    private static partial void LogNoAddress(ILogger logger, string kind, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver a {Kind} notification to {Target}")]
    private static partial void LogNotificationFailed(ILogger logger, Exception exception, string kind, string target);
}
