using System.Security.Claims;
using Bot.Protocol.Schema;

namespace Bot.Protocol.Builder;

/// <summary>One incoming activity and the means to answer it, shaped like the SDK's <c>ITurnContext</c>.</summary>
public interface ITurnContext
{
    BotAdapter Adapter { get; }
    Activity Activity { get; }

    /// <summary>The caller's validated identity; <c>null</c> when authentication is off (local development).</summary>
    ClaimsIdentity? Identity { get; }

    IDictionary<string, object> TurnState { get; }
    bool Responded { get; }

    Task<ResourceResponse?> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default);
    Task<ResourceResponse?> SendActivityAsync(string text, CancellationToken cancellationToken = default);
    Task<ResourceResponse?> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default);
    Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default);
}

public sealed class TurnContext(BotAdapter adapter, Activity activity, ClaimsIdentity? identity = null) : ITurnContext
{
    /// <summary>Where the adapter finds the invoke response a handler produced.</summary>
    public const string InvokeResponseKey = "BotFrameworkAdapter.InvokeResponse";

    public BotAdapter Adapter { get; } = adapter;
    public Activity Activity { get; } = activity;
    public ClaimsIdentity? Identity { get; } = identity;
    public IDictionary<string, object> TurnState { get; } = new Dictionary<string, object>();
    public bool Responded { get; private set; }

    public Task<ResourceResponse?> SendActivityAsync(string text, CancellationToken cancellationToken = default) =>
        SendActivityAsync(MessageFactory.Text(text), cancellationToken);

    public async Task<ResourceResponse?> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        if (activity.IsType(ActivityTypes.InvokeResponse))
        {
            TurnState[InvokeResponseKey] = activity;
            Responded = true;
            return null;
        }

        activity.ApplyConversationReference(Activity.GetConversationReference());
        activity.Locale ??= Activity.Locale;
        var response = await Adapter.SendActivityAsync(this, activity, cancellationToken);
        Responded = true;
        return response;
    }

    public Task<ResourceResponse?> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        activity.ApplyConversationReference(Activity.GetConversationReference());
        return Adapter.UpdateActivityAsync(this, activity, cancellationToken);
    }

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default) =>
        Adapter.DeleteActivityAsync(this, activityId, cancellationToken);
}
