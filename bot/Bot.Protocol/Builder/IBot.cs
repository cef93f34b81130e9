namespace Bot.Protocol.Builder;

/// <summary>The product's entry point for one turn, as in the SDK.</summary>
public interface IBot
{
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);
}
