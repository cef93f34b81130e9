using System.Net;
using Bot.Protocol.Schema;

namespace Bot.Protocol.Builder;

/// <summary>
/// Dispatches a turn to one virtual method per activity type and invoke name, like the SDK's
/// <c>ActivityHandler</c>/<c>TeamsActivityHandler</c>. Unknown types are accepted and ignored, because Teams adds event
/// types without notice; an invoke nobody handles answers 501.
/// </summary>
public abstract class ActivityHandler : IBot
{
    public virtual async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        switch (activity.Type)
        {
            case var t when Is(t, ActivityTypes.Message):
                await OnMessageActivityAsync(turnContext, cancellationToken);
                break;
            case var t when Is(t, ActivityTypes.ConversationUpdate):
                await OnConversationUpdateActivityAsync(turnContext, cancellationToken);
                break;
            case var t when Is(t, ActivityTypes.InstallationUpdate):
                await OnInstallationUpdateActivityAsync(turnContext, cancellationToken);
                break;
            case var t when Is(t, ActivityTypes.MessageReaction):
                await OnMessageReactionActivityAsync(turnContext, cancellationToken);
                break;
            case var t when Is(t, ActivityTypes.Event):
                await OnEventActivityAsync(turnContext, cancellationToken);
                break;
            case var t when Is(t, ActivityTypes.Invoke):
                var invokeResponse = await RunInvokeAsync(turnContext, cancellationToken);
                if (!turnContext.TurnState.ContainsKey(TurnContext.InvokeResponseKey))
                {
                    await turnContext.SendActivityAsync(new Activity { Type = ActivityTypes.InvokeResponse, Value = invokeResponse }, cancellationToken);
                }

                break;
            default:
                await OnUnrecognizedActivityTypeAsync(turnContext, cancellationToken);
                break;
        }
    }

    protected virtual Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual async Task OnConversationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        // A null entry in the list is malformed input, not a member: it is dropped rather than failing the turn.
        if (activity.MembersAdded?.Where(member => member is not null).ToList() is { Count: > 0 } added)
        {
            await OnMembersAddedAsync(added, turnContext, cancellationToken);
        }

        if (activity.MembersRemoved?.Where(member => member is not null).ToList() is { Count: > 0 } removed)
        {
            await OnMembersRemovedAsync(removed, turnContext, cancellationToken);
        }
    }

    protected virtual Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnMembersRemovedAsync(IList<ChannelAccount> membersRemoved, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnInstallationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var action = turnContext.Activity.Action ?? string.Empty;
        if (action.StartsWith("add", StringComparison.OrdinalIgnoreCase))
        {
            return OnInstallationUpdateAddAsync(turnContext, cancellationToken);
        }

        return action.StartsWith("remove", StringComparison.OrdinalIgnoreCase)
            ? OnInstallationUpdateRemoveAsync(turnContext, cancellationToken)
            : Task.CompletedTask;
    }

    protected virtual Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnInstallationUpdateRemoveAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual async Task OnMessageReactionActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.ReactionsAdded is { Count: > 0 } added)
        {
            await OnReactionsAddedAsync(added, turnContext, cancellationToken);
        }

        if (activity.ReactionsRemoved is { Count: > 0 } removed)
        {
            await OnReactionsRemovedAsync(removed, turnContext, cancellationToken);
        }
    }

    protected virtual Task OnReactionsAddedAsync(IList<MessageReaction> reactions, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnReactionsRemovedAsync(IList<MessageReaction> reactions, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnUnrecognizedActivityTypeAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Routes by invoke name; override to add names, and call the base for the rest.</summary>
    protected virtual async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (Is(turnContext.Activity.Name, InvokeNames.AdaptiveCardAction))
        {
            var invokeValue = GetAdaptiveCardInvokeValue(turnContext.Activity);
            var response = await OnAdaptiveCardInvokeAsync(turnContext, invokeValue, cancellationToken);
            return new InvokeResponse { Status = (int)HttpStatusCode.OK, Body = response };
        }

        throw new InvokeResponseException((int)HttpStatusCode.NotImplemented);
    }

    /// <summary>A Universal Action (<c>Action.Execute</c>) click or refresh; not handled here, so 501.</summary>
    protected virtual Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken) =>
        throw new InvokeResponseException((int)HttpStatusCode.NotImplemented);

    private async Task<InvokeResponse> RunInvokeAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        try
        {
            return await OnInvokeActivityAsync(turnContext, cancellationToken);
        }
        catch (InvokeResponseException e)
        {
            return new InvokeResponse { Status = e.StatusCode, Body = e.Body };
        }
    }

    private static AdaptiveCardInvokeValue GetAdaptiveCardInvokeValue(Activity activity)
    {
        var value = activity.Value is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Object } or AdaptiveCardInvokeValue
            ? activity.GetValue<AdaptiveCardInvokeValue>()
            : null;
        if (value?.Action is null)
        {
            throw BadRequest("BadRequest", "Missing value or value.action in the adaptiveCard/action invoke.");
        }

        if (!Is(value.Action.Type, "Action.Execute"))
        {
            throw BadRequest("NotSupported", $"The action '{value.Action.Type}' is not supported.");
        }

        return value;
    }

    private static InvokeResponseException BadRequest(string code, string message) =>
        new((int)HttpStatusCode.BadRequest, AdaptiveCardInvokeResponse.Error((int)HttpStatusCode.BadRequest, code, message));

    private static bool Is(string? actual, string expected) => string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase);
}
