using Bot.Hosting;
using Bot.Localization;
using Bot.Protocol.Builder;
using Microsoft.Extensions.Options;

namespace Bot.Turns;

/// <summary>Tells the user, in their language, that the failure was ours; the details go to the log with the activity id.</summary>
internal sealed partial class ApologyOnTurnError(IOptions<BotOptions> options, ILogger<ApologyOnTurnError> logger) : ITurnErrorHandler
{
    public async Task OnTurnErrorAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken)
    {
        using var language = BotLanguage.Use(BotLanguage.From(turnContext.Activity, options.Value.DefaultLanguage));
        try
        {
            await turnContext.SendActivityAsync(Texts.TurnError, cancellationToken);
        }
        catch (Exception sendFailure) when (sendFailure is HttpRequestException or Protocol.Connector.ConnectorException or InvalidOperationException)
        {
            LogApologyFailed(logger, sendFailure, turnContext.Activity.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the apology for activity {ActivityId}")]
    private static partial void LogApologyFailed(ILogger logger, Exception exception, string? activityId);
}
