using System.Text.Json;
using Bot.Persistence;
using Bot.Protocol.Schema;
using Bot.Teams;

namespace Bot.Delivery;

/// <summary>
/// Queues what the bot says on its own. Enqueueing only adds rows to the caller's <see cref="BotDbContext"/>: the
/// caller's own SaveChanges (or the turn's transaction) commits them together with the change they report, and
/// <see cref="OutboxWorker"/> is woken once that commit is done.
/// </summary>
public sealed class Outbox(BotDbContext database, TimeProvider timeProvider)
{
    /// <summary>A message to a known conversation (a Teams channel, a group chat, a personal chat).</summary>
    public OutboundMessage ToConversation(string kind, string? teamId, string? tenantId, string serviceUrl, string conversationId, Activity activity, string? slot = null) =>
        Add(new OutboundMessage
        {
            Kind = kind,
            TeamId = teamId,
            TenantId = tenantId,
            ServiceUrl = serviceUrl,
            ConversationId = conversationId,
            Operation = slot is null ? OutboundOperation.Send : OutboundOperation.SendOrUpdateSlot,
            Slot = slot,
            ActivityJson = Serialize(activity),
        });

    /// <summary>A message in the personal chat of a team member; the worker opens that chat when there is none yet.</summary>
    public OutboundMessage ToPerson(string kind, Team team, TeamMember member, ChannelAccount bot, string serviceUrl, Activity activity, string? knownConversationId = null) =>
        Add(new OutboundMessage
        {
            Kind = kind,
            TeamId = team.TeamId,
            TenantId = team.TenantId,
            ServiceUrl = serviceUrl,
            ConversationId = knownConversationId,
            RecipientAadObjectId = member.AadObjectId,
            RecipientUserId = member.UserId,
            RecipientName = member.Name,
            BotId = bot.Id,
            BotName = bot.Name,
            Operation = OutboundOperation.Send,
            ActivityJson = Serialize(activity),
        });

    /// <summary>Replaces a message the bot sent earlier (PUT); safe to repeat, so retries cannot duplicate it.</summary>
    public OutboundMessage UpdateInPlace(string kind, string? teamId, string? tenantId, string serviceUrl, string conversationId, string activityId, Activity activity) =>
        Add(new OutboundMessage
        {
            Kind = kind,
            TeamId = teamId,
            TenantId = tenantId,
            ServiceUrl = serviceUrl,
            ConversationId = conversationId,
            Operation = OutboundOperation.Update,
            UpdateActivityId = activityId,
            ActivityJson = Serialize(activity),
        });

    private OutboundMessage Add(OutboundMessage message)
    {
        var now = timeProvider.GetUtcNow();
        var row = new OutboundMessage
        {
            Kind = message.Kind,
            TeamId = message.TeamId,
            TenantId = message.TenantId,
            ServiceUrl = message.ServiceUrl,
            ConversationId = message.ConversationId,
            RecipientAadObjectId = message.RecipientAadObjectId,
            RecipientUserId = message.RecipientUserId,
            RecipientName = message.RecipientName,
            BotId = message.BotId,
            BotName = message.BotName,
            Operation = message.Operation,
            UpdateActivityId = message.UpdateActivityId,
            Slot = message.Slot,
            ActivityJson = message.ActivityJson,
            State = OutboundState.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        database.OutboundMessages.Add(row);
        return row;
    }

    private static string Serialize(Activity activity) => JsonSerializer.Serialize(activity, ProtocolJson.Options);
}
