using Bot.Protocol.Schema;

namespace Bot.Protocol.Builder;

/// <summary>Sends, updates and deletes on behalf of a turn; the SDK's <c>BotAdapter</c>.</summary>
public abstract class BotAdapter
{
    public abstract Task<ResourceResponse?> SendActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken);

    public abstract Task<ResourceResponse?> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken);

    public abstract Task DeleteActivityAsync(ITurnContext turnContext, string activityId, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="callback"/> in a turn addressed to a stored conversation: the way to message proactively.</summary>
    public abstract Task ContinueConversationAsync(ConversationReference reference, Func<ITurnContext, CancellationToken, Task> callback, CancellationToken cancellationToken);
}
