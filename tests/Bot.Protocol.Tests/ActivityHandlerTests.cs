using System.Text.Json;
using Bot.Protocol.Builder;
using Bot.Protocol.Schema;

namespace Bot.Protocol.Tests;

public sealed class ActivityHandlerTests
{
    [Theory]
    [InlineData("personal-message.json", "OnMessageActivityAsync")]
    [InlineData("conversation-update-bot-added-to-team.json", "OnMembersAddedAsync")]
    [InlineData("installation-update-add.json", "OnInstallationUpdateAddAsync")]
    [InlineData("message-reaction.json", "OnReactionsAddedAsync")]
    [InlineData("invoke-adaptive-card-action.json", "OnAdaptiveCardInvokeAsync")]
    public async Task Recorded_activity_reaches_its_handler(string file, string expectedHandler)
    {
        var bot = new RecordingHandler();

        await bot.OnTurnAsync(new TurnContext(new NoSendAdapter(), ActivitySerializationTests.Load(file)));

        Assert.Equal([expectedHandler], bot.Calls);
    }

    [Theory]
    [InlineData("remove", "OnInstallationUpdateRemoveAsync")]
    [InlineData("remove-upgrade", "OnInstallationUpdateRemoveAsync")]
    [InlineData("add-upgrade", "OnInstallationUpdateAddAsync")]
    public async Task Installation_update_action_picks_add_or_remove(string action, string expectedHandler)
    {
        var bot = new RecordingHandler();

        await bot.OnTurnAsync(new TurnContext(new NoSendAdapter(), new Activity { Type = "installationUpdate", Action = action }));

        Assert.Equal([expectedHandler], bot.Calls);
    }

    [Fact]
    public async Task Members_removed_reaches_its_handler()
    {
        var bot = new RecordingHandler();

        await bot.OnTurnAsync(new TurnContext(new NoSendAdapter(), new Activity { Type = "conversationUpdate", MembersRemoved = [new ChannelAccount("29:x")] }));

        Assert.Equal(["OnMembersRemovedAsync"], bot.Calls);
    }

    [Theory]
    [InlineData("MESSAGE")]
    [InlineData("Message")]
    public async Task Activity_types_compare_case_insensitively(string type)
    {
        var bot = new RecordingHandler();

        await bot.OnTurnAsync(new TurnContext(new NoSendAdapter(), new Activity { Type = type }));

        Assert.Equal(["OnMessageActivityAsync"], bot.Calls);
    }

    [Fact]
    public async Task Unknown_activity_type_is_accepted_and_ignored()
    {
        var bot = new RecordingHandler();
        var context = new TurnContext(new NoSendAdapter(), new Activity { Type = "somethingTeamsInventsNextYear" });

        await bot.OnTurnAsync(context);

        Assert.Equal(["OnUnrecognizedActivityTypeAsync"], bot.Calls);
        Assert.False(context.TurnState.ContainsKey(TurnContext.InvokeResponseKey));
    }

    [Fact]
    public async Task Adaptive_card_invoke_answers_200_with_the_handlers_card()
    {
        var bot = new RecordingHandler();
        var context = new TurnContext(new NoSendAdapter(), ActivitySerializationTests.Load("invoke-adaptive-card-action.json"));

        await bot.OnTurnAsync(context);

        var response = InvokeResponseOf(context);
        Assert.Equal(200, response.Status);
        var body = Assert.IsType<AdaptiveCardInvokeResponse>(response.Body);
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.Type);
    }

    [Fact]
    public async Task Unknown_invoke_name_answers_501()
    {
        var bot = new RecordingHandler();
        var context = new TurnContext(new NoSendAdapter(), new Activity { Type = "invoke", Name = "composeExtension/query" });

        await bot.OnTurnAsync(context);

        Assert.Equal(501, InvokeResponseOf(context).Status);
        Assert.Empty(bot.Calls);
    }

    [Fact]
    public async Task Adaptive_card_invoke_without_action_answers_400_BadRequest()
    {
        var bot = new RecordingHandler();
        var context = new TurnContext(new NoSendAdapter(), new Activity { Type = "invoke", Name = "adaptiveCard/action", Value = JsonSerializer.SerializeToElement(new { trigger = "manual" }) });

        await bot.OnTurnAsync(context);

        var response = InvokeResponseOf(context);
        Assert.Equal(400, response.Status);
        var body = Assert.IsType<AdaptiveCardInvokeResponse>(response.Body);
        Assert.Equal("application/vnd.microsoft.error", body.Type);
        Assert.Equal("BadRequest", Assert.IsType<InvokeError>(body.Value).Code);
        Assert.Empty(bot.Calls);
    }

    [Fact]
    public async Task Adaptive_card_invoke_with_a_submit_action_answers_400_NotSupported()
    {
        var bot = new RecordingHandler();
        var value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Submit", verb = "x" } });
        var context = new TurnContext(new NoSendAdapter(), new Activity { Type = "invoke", Name = "adaptiveCard/action", Value = value });

        await bot.OnTurnAsync(context);

        var body = Assert.IsType<AdaptiveCardInvokeResponse>(InvokeResponseOf(context).Body);
        Assert.Equal("NotSupported", Assert.IsType<InvokeError>(body.Value).Code);
    }

    private static InvokeResponse InvokeResponseOf(TurnContext context) =>
        Assert.IsType<InvokeResponse>(Assert.IsType<Activity>(context.TurnState[TurnContext.InvokeResponseKey]).Value);

    private sealed class RecordingHandler : ActivityHandler
    {
        public List<string> Calls { get; } = [];

        protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record();

        protected override Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) => Record();

        protected override Task OnMembersRemovedAsync(IList<ChannelAccount> membersRemoved, ITurnContext turnContext, CancellationToken cancellationToken) => Record();

        protected override Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record();

        protected override Task OnInstallationUpdateRemoveAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record();

        protected override Task OnReactionsAddedAsync(IList<MessageReaction> reactions, ITurnContext turnContext, CancellationToken cancellationToken) => Record();

        protected override Task OnUnrecognizedActivityTypeAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record();

        protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
        {
            await Record();
            return AdaptiveCardInvokeResponse.Card(new { type = "AdaptiveCard" });
        }

        private Task Record([System.Runtime.CompilerServices.CallerMemberName] string name = "")
        {
            Calls.Add(name);
            return Task.CompletedTask;
        }
    }

    /// <summary>Dispatch never sends; an adapter that refuses proves it.</summary>
    private sealed class NoSendAdapter : BotAdapter
    {
        public override Task<ResourceResponse?> SendActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) => throw new InvalidOperationException("Dispatch must not send.");

        public override Task<ResourceResponse?> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) => throw new InvalidOperationException("Dispatch must not update.");

        public override Task DeleteActivityAsync(ITurnContext turnContext, string activityId, CancellationToken cancellationToken) => throw new InvalidOperationException("Dispatch must not delete.");

        public override Task ContinueConversationAsync(ConversationReference reference, Func<ITurnContext, CancellationToken, Task> callback, CancellationToken cancellationToken) => throw new InvalidOperationException();
    }
}
