using System.Text.Json;
using Bot.AuditExport;
using Bot.Delivery;
using Bot.Digest;
using Bot.FailedDeliveries;
using Bot.Help;
using Bot.Hosting;
using Bot.Localization;
using Bot.Metrics;
using Bot.Posts;
using Bot.Privacy;
using Bot.Protocol.AdaptiveCards;
using Bot.Protocol.Builder;
using Bot.Protocol.Schema;
using Bot.Reminders;
using Bot.Staffing;
using Bot.Teams;
using Bot.Webhooks;
using Microsoft.Extensions.Options;

namespace Bot.Turns;

/// <summary>
/// Where Teams turns become product calls. It stays thin: parse, call, render; rules live in the features.
/// </summary>
public sealed partial class SocialMediaBot(
    ConversationDirectory conversations,
    TeamDirectory teams,
    TeamCommands teamCommands,
    PrivacyCommands privacyCommands,
    PostChat postChat,
    ReviewSettingsChat reviewSettings,
    AuditExportChat auditExport,
    WebhookChat webhookChat,
    ReminderChat reminderChat,
    DigestChat digestChat,
    Digest.DigestRescheduling digestRescheduling,
    DeliveryChat deliveryChat,
    MetricsChat metricsChat,
    CardActionDispatcher cardActions,
    IOptions<BotOptions> options,
    ILogger<SocialMediaBot> logger) : ActivityHandler
{
    private const string TeamKey = "SocialMediaBot.Team";

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await conversations.RememberAsync(turnContext.Activity, cancellationToken);
        if (await teams.RememberTeamAsync(turnContext.Activity, cancellationToken) is { } team)
        {
            turnContext.TurnState[TeamKey] = team;
        }

        await base.OnTurnAsync(turnContext, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var texts = TextsFor(turnContext);

        // An Action.Submit (the fallback of our Action.Execute buttons) arrives as a message with an object value and no text.
        if (string.IsNullOrWhiteSpace(activity.Text) && activity.Value is JsonElement { ValueKind: JsonValueKind.Object } submitted)
        {
            await HandleSubmitAsync(turnContext, submitted, texts, cancellationToken);
            return;
        }

        // A file sent in the personal chat arrives as a message with Teams' download info; its text may name the team.
        if (MetricsChat.FileOf(activity) is { } file)
        {
            LogCommand(logger, nameof(ImportMetricsCommand), activity.Id);
            await metricsChat.ImportFileAsync(turnContext, file, texts, cancellationToken);
            return;
        }

        var command = ChatCommandParser.Parse(activity.RemoveRecipientMention(), [.. activity.GetMentions()]);
        LogCommand(logger, command.GetType().Name, activity.Id);
        switch (command)
        {
            case HelpCommand:
                await turnContext.SendActivityAsync(MessageFactory.Attachment(HelpCard.Create(texts).ToAttachment()), cancellationToken);
                break;
            case UnknownCommand unknown:
                var suggestion = ChatCommandParser.SuggestCommand(unknown.Input);
                await turnContext.SendActivityAsync(
                    suggestion is null ? texts.UnknownCommand(Shorten(unknown.Input)) : texts.UnknownCommandDidYouMean(Shorten(unknown.Input), suggestion),
                    cancellationToken);
                break;
            case MalformedCommand malformed:
                await turnContext.SendActivityAsync(texts.MalformedCommand(malformed.Command.WordIn(texts), malformed.Command.UsageIn(texts)), cancellationToken);
                break;
            case UnknownPlatformCommand unknownPlatform:
                await turnContext.SendActivityAsync(texts.UnknownPlatform(Shorten(unknownPlatform.Word), string.Join(", ", PlatformNames.KnownNames)), cancellationToken);
                break;
            case NewPostCommand:
                await postChat.NewPostAsync(turnContext, TeamOf(turnContext), texts, cancellationToken);
                break;
            case ExportAuditCommand export:
                await auditExport.HandleAsync(turnContext, export, TeamOf(turnContext), texts, cancellationToken);
                break;
            case var webhookCommand when WebhookChat.Handles(webhookCommand):
                await webhookChat.HandleAsync(turnContext, webhookCommand, TeamOf(turnContext), texts, cancellationToken);
                break;
            case ReviewSettingsCommand:
                await reviewSettings.ShowAsync(turnContext, TeamOf(turnContext), texts, cancellationToken);
                break;
            case var postCommand when PostChat.Handles(postCommand):
                await postChat.HandleAsync(turnContext, postCommand, TeamOf(turnContext), texts, cancellationToken);
                break;
            case MyDataCommand:
                await privacyCommands.MyDataAsync(turnContext, texts, cancellationToken);
                break;
            case ErasePersonCommand erase:
                await privacyCommands.RequestErasureAsync(turnContext, erase, TeamOf(turnContext), texts, cancellationToken);
                break;
            case var reminderCommand when ReminderChat.Handles(reminderCommand):
                await reminderChat.HandleAsync(turnContext, reminderCommand, TeamOf(turnContext), texts, cancellationToken);
                break;
            case var metricsCommand when MetricsChat.Handles(metricsCommand):
                await metricsChat.HandleAsync(turnContext, metricsCommand, TeamOf(turnContext), texts, cancellationToken);
                break;
            case var digestCommand when DigestChat.Handles(digestCommand):
                await digestChat.HandleAsync(turnContext, digestCommand, TeamOf(turnContext), texts, cancellationToken);
                break;
            case FailedDeliveriesCommand:
                await deliveryChat.ListAsync(turnContext, TeamOf(turnContext), texts, cancellationToken);
                break;
            case var teamCommand when TeamCommands.Handles(teamCommand):
                await teamCommands.HandleAsync(turnContext, teamCommand, TeamOf(turnContext), texts, cancellationToken);
                break;
        }
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var botId = turnContext.Activity.Recipient?.Id;
        if (membersAdded.Any(member => string.Equals(member.Id, botId, StringComparison.OrdinalIgnoreCase)))
        {
            await MakeInstallerCoordinatorAsync(turnContext, cancellationToken);
            await WelcomeOnceAsync(turnContext, cancellationToken);
        }
    }

    protected override async Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        await conversations.SetInstalledAsync(turnContext.Activity.Conversation!.Id!, installed: true, cancellationToken);
        await MakeInstallerCoordinatorAsync(turnContext, cancellationToken);
        await WelcomeOnceAsync(turnContext, cancellationToken);
    }

    protected override Task OnInstallationUpdateRemoveAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        conversations.SetInstalledAsync(turnContext.Activity.Conversation!.Id!, installed: false, cancellationToken);

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        var texts = TextsFor(turnContext);
        var request = new CardActionRequest(invokeValue.Action?.Verb ?? string.Empty, invokeValue.Action?.Data, texts, turnContext, TeamOf(turnContext));
        LogCardAction(logger, request.Verb, turnContext.Activity.Id);
        var card = cardActions.TryExecuteAsync(request, cancellationToken);
        return card is null
            ? AdaptiveCardInvokeResponse.Message(texts.UnknownCardAction)
            : AdaptiveCardInvokeResponse.Card(await card);
    }

    private async Task HandleSubmitAsync(ITurnContext turnContext, JsonElement submitted, BotTexts texts, CancellationToken cancellationToken)
    {
        var verb = submitted.TryGetProperty(ActionExecute.VerbDataKey, out var verbElement) && verbElement.ValueKind == JsonValueKind.String
            ? verbElement.GetString()!
            : string.Empty;
        LogCardAction(logger, verb, turnContext.Activity.Id);
        var card = cardActions.TryExecuteAsync(new CardActionRequest(verb, submitted, texts, turnContext, TeamOf(turnContext)), cancellationToken);
        if (card is null)
        {
            await turnContext.SendActivityAsync(texts.UnknownCardAction, cancellationToken);
            return;
        }

        var answer = await card;
        var isPersonal = string.Equals(turnContext.Activity.Conversation?.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase);
        await turnContext.SendActivityAsync(MessageFactory.Attachment((isPersonal ? answer : WithoutPersonalParts(answer)).ToAttachment()), cancellationToken);
    }

    /// <summary>
    /// A submit cannot answer the clicker alone: in a channel or group chat the answer is a new message everyone sees, so
    /// it must not carry one person's inputs, buttons or refresh (a reviewer's view would hand everyone the buttons).
    /// </summary>
    private static AdaptiveCard WithoutPersonalParts(AdaptiveCard card) => new()
    {
        Body = [.. card.Body.Where(element => element is not (ActionSet or InputText or InputChoiceSet or InputDate or InputTime or InputToggle))],
        Msteams = card.Msteams,
    };

    private async Task WelcomeOnceAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (!await conversations.TryClaimWelcomeAsync(turnContext.Activity.Conversation!.Id!, cancellationToken))
        {
            return;
        }

        var card = WelcomeCard.Create(TextsFor(turnContext));
        await turnContext.SendActivityAsync(MessageFactory.Attachment(card.ToAttachment()), cancellationToken);
        LogWelcomed(logger, turnContext.Activity.Conversation!.ConversationType, turnContext.Activity.Type);
    }

    private async Task MakeInstallerCoordinatorAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (TeamOf(turnContext) is { } team)
        {
            await teams.MakeInstallerCoordinatorAsync(team, turnContext.Activity, cancellationToken);

            // A new team gets its morning digest from the first working day on, at the default time.
            await digestRescheduling.AfterCommitAsync(team.TeamId, team.TimeZoneId, cancellationToken);
        }
    }

    private static Team? TeamOf(ITurnContext turnContext) => turnContext.TurnState.TryGetValue(TeamKey, out var team) ? team as Team : null;

    /// <summary>The activity's locale; without one, the team's language; then the configured default.</summary>
    private BotTexts TextsFor(ITurnContext turnContext) =>
        new(BotLanguage.From(turnContext.Activity, TeamOf(turnContext)?.Language ?? options.Value.DefaultLanguage));

    private static string Shorten(string input) => input.Length <= 60 ? input : input[..57] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {Command} from activity {ActivityId}")]
    private static partial void LogCommand(ILogger logger, string command, string? activityId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Welcomed a new {ConversationType} conversation on {ActivityType}")]
    private static partial void LogWelcomed(ILogger logger, string? conversationType, string? activityType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Card action {Verb} from activity {ActivityId}")]
    private static partial void LogCardAction(ILogger logger, string verb, string? activityId);
}
