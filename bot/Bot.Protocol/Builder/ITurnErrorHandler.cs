namespace Bot.Protocol.Builder;

/// <summary>Told when the bot throws during a turn (the SDK's <c>OnTurnError</c>); the product apologises to the user here.</summary>
public interface ITurnErrorHandler
{
    Task OnTurnErrorAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken);
}
