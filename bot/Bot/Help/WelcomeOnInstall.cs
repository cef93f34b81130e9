using Bot.Delivery;
using Bot.Protocol.Builder;
using Bot.Teams;
using Bot.Turns;

namespace Bot.Help;

/// <summary>Greets a conversation the bot was added to, once, however many install events Teams sends for it.</summary>
public sealed partial class WelcomeOnInstall(ConversationDirectory conversations, ILogger<WelcomeOnInstall> logger) : IInstallationObserver
{
    public async Task OnInstalledAsync(ITurnContext turn, Team? team, CancellationToken cancellationToken)
    {
        if (!await conversations.TryClaimWelcomeAsync(turn.Activity.Conversation!.Id!, cancellationToken))
        {
            return;
        }

        await turn.SendActivityAsync(MessageFactory.Attachment(WelcomeCard.Create().ToAttachment()), cancellationToken);
        LogWelcomed(logger, turn.Activity.Conversation!.ConversationType, turn.Activity.Type);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Welcomed a new {ConversationType} conversation on {ActivityType}")]
    private static partial void LogWelcomed(ILogger logger, string? conversationType, string? activityType);
}
