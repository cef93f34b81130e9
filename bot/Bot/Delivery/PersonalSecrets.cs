using Bot.Hosting;
using Bot.Localization;
using Bot.Persistence;
using Bot.Protocol.Builder;
using Bot.Protocol.Connector;
using Bot.Protocol.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Delivery;

/// <summary>Where a secret (a metrics key, a calendar feed's address) or a file may be shown: only a personal chat is read by its one person alone.</summary>
public static class PersonalChat
{
    public static bool Is(Activity activity) =>
        string.Equals(activity.Conversation?.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Hands a secret asked for in a channel to its one person: in their personal chat with the bot, in that chat's
/// language, straight through the connector. Never through the outbox, whose row would keep the secret in the database
/// until it is cleaned up; so whoever issued the secret revokes it when it could not be handed over (nobody has seen it).
/// </summary>
public sealed class PersonalSecrets(BotDbContext database, ConnectorClientFactory connectors, IOptions<BotOptions> options)
{
    /// <summary>The person's installed personal chat with the bot; null when they have none yet.</summary>
    public Task<ConversationRecord?> PersonalChatOfAsync(string aadObjectId, CancellationToken cancellationToken) =>
        database.Conversations.AsNoTracking().FirstOrDefaultAsync(
            c => c.ConversationType == ConversationTypes.Personal && c.UserAadObjectId == aadObjectId && c.IsInstalled,
            cancellationToken);

    /// <summary>Sends the text, worded in the chat's language; null when it arrived, else the failure's type name (for the log).</summary>
    public async Task<string?> SendAsync(ConversationRecord personal, string? turnLocale, Func<string> text, CancellationToken cancellationToken)
    {
        Activity message;
        using (BotLanguage.Use(BotLanguage.FromLocale(personal.Locale ?? turnLocale ?? options.Value.DefaultLanguage)))
        {
            message = MessageFactory.Text(text());
        }

        message.ApplyConversationReference(personal.ToReference());
        try
        {
            await connectors.Create(personal.ServiceUrl).SendToConversationAsync(personal.ConversationId, message, cancellationToken);
            return null;
        }
        catch (Exception e) when (e is ConnectorException or HttpRequestException or UntrustedServiceUrlException or TaskCanceledException)
        {
            return e.GetType().Name;
        }
    }
}
