using Bot.Localization;
using Bot.Persistence;
using Bot.Protocol.Builder;
using Bot.Protocol.Schema;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Delivery;

/// <summary>What an outbound message is, as coordinators see it in the dead-letter list.</summary>
public static class OutboundKinds
{
    public const string ApprovalCard = "approval-card";
    public const string AuthorNote = "author-note";
    public const string PersonalNote = "personal-note";
    public const string TeamNote = "team-note";
    public const string Reminder = "reminder";
    public const string Digest = "digest";

    /// <summary>A reply inside a user's turn that the connector did not take at once (see <see cref="ReplyOutbox"/>).</summary>
    public const string Reply = "reply";
}

/// <summary>
/// Tells people things the bot did not just answer them about: a personal message to someone who was assigned, a note
/// in the team's channel. Each goes through the <see cref="Outbox"/>: stored with the caller's change, sent by the
/// worker, retried, and a dead letter rather than lost when Teams keeps refusing it.
/// </summary>
public sealed partial class Notifier(BotDbContext database, Outbox outbox, IOptions<Hosting.BotOptions> options, ILogger<Notifier> logger)
{
    // Compiled once: every note to a person (each decision tells its author) looks up both.
    private static readonly Func<BotDbContext, string, CancellationToken, Task<ConversationRecord?>> PersonalConversationOf =
        EF.CompileAsyncQuery((BotDbContext db, string aadObjectId, CancellationToken _) => db.Conversations.AsNoTracking()
            .FirstOrDefault(c => c.ConversationType == ConversationTypes.Personal && c.UserAadObjectId == aadObjectId && c.IsInstalled));

    private static readonly Func<BotDbContext, string, CancellationToken, Task<string?>> LocaleOf =
        EF.CompileAsyncQuery((BotDbContext db, string aadObjectId, CancellationToken _) => db.People.AsNoTracking()
            .Where(p => p.AadObjectId == aadObjectId).Select(p => p.Locale).FirstOrDefault());

    /// <summary>Writes to the person's personal chat with the bot, starting it if there is none yet, in the person's language.</summary>
    public Task TellPersonAsync(Team team, TeamMember member, ChannelAccount bot, string serviceUrl, Func<string> message, CancellationToken cancellationToken) =>
        SendToPersonAsync(OutboundKinds.PersonalNote, team, member, bot, serviceUrl, () => MessageFactory.Text(message()), cancellationToken);

    /// <summary>Any activity (text or card) for a person's personal chat, built in the person's language.</summary>
    public async Task SendToPersonAsync(string kind, Team team, TeamMember member, ChannelAccount bot, string serviceUrl, Func<Activity> message, CancellationToken cancellationToken)
    {
        await QueueToPersonAsync(kind, team, member, bot, serviceUrl, message, cancellationToken);
        await database.SaveChangesAsync(cancellationToken);
    }

    /// <summary>As <see cref="SendToPersonAsync"/>, but only added to the caller's unit of work: the caller's save commits it.</summary>
    public async Task QueueToPersonAsync(string kind, Team team, TeamMember member, ChannelAccount bot, string serviceUrl, Func<Activity> message, CancellationToken cancellationToken)
    {
        var existing = await PersonalConversationOf(database, member.AadObjectId, cancellationToken);
        var personLocale = existing?.Locale ?? await LocaleOf(database, member.AadObjectId, cancellationToken);
        using var language = BotLanguage.Use(BotLanguage.FromLocale(personLocale ?? team.Language ?? options.Value.DefaultLanguage));
        var activity = message();
        if (existing is not null)
        {
            activity.ApplyConversationReference(existing.ToReference());
        }

        outbox.ToPerson(kind, team, member, bot, existing?.ServiceUrl ?? serviceUrl, activity, existing?.ConversationId);
    }

    /// <summary>A short note in the team's home channel, for changes made from a personal chat.</summary>
    public async Task TellTeamAsync(Team team, string serviceUrl, Func<string> message, CancellationToken cancellationToken)
    {
        using var language = BotLanguage.Use(BotLanguage.FromLocale(team.Language ?? options.Value.DefaultLanguage));
        outbox.ToConversation(OutboundKinds.TeamNote, team.TeamId, team.TenantId, serviceUrl, team.HomeTeamsChannelId ?? team.TeamId, MessageFactory.Text(message()));
        await database.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A note in the team's home channel when no one just spoke to the bot (a reminder, an escalation): the address
    /// comes from the team's stored conversation.
    /// </summary>
    public async Task TellTeamAsync(Team team, Func<string> message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        if (await TeamConversationAsync(team, cancellationToken) is not { } known)
        {
            LogNoAddress(logger, "team", team.TeamId);
            return;
        }

        await TellTeamAsync(team, known.ServiceUrl, message, cancellationToken);
    }

    /// <summary>
    /// Queues a card for the team's home channel without saving, so the caller commits it together with its own
    /// record (the digest's once-a-day row); false when the bot has no stored address for the team yet.
    /// </summary>
    public async Task<bool> QueueTeamCardAsync(Team team, string kind, Protocol.AdaptiveCards.AdaptiveCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(card);
        if (await TeamConversationAsync(team, cancellationToken) is not { } known)
        {
            LogNoAddress(logger, "team", team.TeamId);
            return false;
        }

        outbox.ToConversation(kind, team.TeamId, team.TenantId, known.ServiceUrl, team.HomeTeamsChannelId ?? team.TeamId, MessageFactory.Attachment(card.ToAttachment()));
        return true;
    }

    /// <summary>A text in a person's personal chat, known only by their AAD object id (for reminders, which have no turn).</summary>
    public Task<bool> TellPersonByIdAsync(Team team, string aadObjectId, Func<string> message, CancellationToken cancellationToken) =>
        SendPersonallyAsync(team, aadObjectId, () => MessageFactory.Text(message()), cancellationToken);

    /// <summary>A card in a person's personal chat, known only by their AAD object id.</summary>
    public Task<bool> SendPersonallyAsync(Team team, string aadObjectId, Func<Protocol.AdaptiveCards.AdaptiveCard> card, CancellationToken cancellationToken) =>
        SendPersonallyAsync(team, aadObjectId, () => MessageFactory.Attachment(card().ToAttachment()), cancellationToken);

    /// <summary>Queued like every other note; false when the bot has no way to reach the person yet.</summary>
    private async Task<bool> SendPersonallyAsync(Team team, string aadObjectId, Func<Activity> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        var person = await database.People.AsNoTracking().SingleOrDefaultAsync(p => p.AadObjectId == aadObjectId, cancellationToken);
        var known = await TeamConversationAsync(team, cancellationToken);
        if (person?.TeamsUserId is not { Length: > 0 } userId || known is not { BotId: { } botId })
        {
            LogNoAddress(logger, "personal", aadObjectId);
            return false;
        }

        await SendToPersonAsync(OutboundKinds.Reminder, team, new TeamMember(aadObjectId, userId, person.Name ?? string.Empty), new ChannelAccount(botId, known.BotName), known.ServiceUrl, build, cancellationToken);
        return true;
    }

    private Task<ConversationRecord?> TeamConversationAsync(Team team, CancellationToken cancellationToken) =>
        database.Conversations.AsNoTracking()
            .Where(c => c.TeamId == team.TeamId && c.BotId != null)
            .OrderByDescending(c => c.LastSeenAt)
            .FirstOrDefaultAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No stored address for a {Kind} notification to {Target}")]
    private static partial void LogNoAddress(ILogger logger, string kind, string target);
}
