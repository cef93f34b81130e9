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
}

/// <summary>
/// Tells people things the bot did not just answer them about: a personal message to someone who was assigned, a note
/// in the team's channel. Each goes through the <see cref="Outbox"/>: stored with the caller's change, sent by the
/// worker, retried, and a dead letter rather than lost when Teams keeps refusing it.
/// </summary>
public sealed class Notifier(BotDbContext database, Outbox outbox, IOptions<Chat.BotOptions> options)
{
    /// <summary>Writes to the person's personal chat with the bot, starting it if there is none yet, in the person's language.</summary>
    public Task TellPersonAsync(Team team, TeamMember member, ChannelAccount bot, string serviceUrl, Func<BotTexts, string> message, CancellationToken cancellationToken) =>
        SendToPersonAsync(OutboundKinds.PersonalNote, team, member, bot, serviceUrl, texts => MessageFactory.Text(message(texts)), cancellationToken);

    /// <summary>Any activity (text or card) for a person's personal chat, built in the person's language.</summary>
    public async Task SendToPersonAsync(string kind, Team team, TeamMember member, ChannelAccount bot, string serviceUrl, Func<BotTexts, Activity> message, CancellationToken cancellationToken)
    {
        var existing = await database.Conversations.AsNoTracking().FirstOrDefaultAsync(
            c => c.ConversationType == ConversationTypes.Personal && c.UserAadObjectId == member.AadObjectId && c.IsInstalled,
            cancellationToken);
        var personLocale = existing?.Locale ?? await database.People.AsNoTracking()
            .Where(p => p.AadObjectId == member.AadObjectId)
            .Select(p => p.Locale)
            .FirstOrDefaultAsync(cancellationToken);
        var texts = new BotTexts(BotLanguage.FromLocale(personLocale ?? team.Language ?? options.Value.DefaultLanguage));
        var activity = message(texts);
        if (existing is not null)
        {
            activity.ApplyConversationReference(existing.ToReference());
        }

        outbox.ToPerson(kind, team, member, bot, existing?.ServiceUrl ?? serviceUrl, activity, existing?.ConversationId);
        await database.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A short note in the team's home channel, for changes made from a personal chat.</summary>
    public async Task TellTeamAsync(Team team, string serviceUrl, Func<BotTexts, string> message, CancellationToken cancellationToken)
    {
        var texts = new BotTexts(BotLanguage.FromLocale(team.Language ?? options.Value.DefaultLanguage));
        outbox.ToConversation(OutboundKinds.TeamNote, team.TeamId, team.TenantId, serviceUrl, team.HomeTeamsChannelId ?? team.TeamId, MessageFactory.Text(message(texts)));
        await database.SaveChangesAsync(cancellationToken);
    }
}
