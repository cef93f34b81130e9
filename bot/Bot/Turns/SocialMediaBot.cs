using System.Globalization;
using Bot.Delivery;
using Bot.Hosting;
using Bot.Localization;
using Bot.Protocol.AdaptiveCards;
using Bot.Protocol.Builder;
using Bot.Protocol.Schema;
using Bot.Teams;
using Microsoft.Extensions.Options;

namespace Bot.Turns;

/// <summary>
/// Where Teams turns enter the product. It stays thin: remember the conversation and team, pick the reader's
/// language, and hand the turn to the <see cref="CommandRouter"/>; the features answer.
/// </summary>
public sealed partial class SocialMediaBot(
    ConversationDirectory conversations,
    TeamDirectory teams,
    CommandRouter router,
    IEnumerable<IInstallationObserver> installationObservers,
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

        // Everything the turn writes is in the reader's language, set once here like ASP.NET Core's request culture;
        // this method is async, so the adapter gets its own culture back when it returns.
        using var language = BotLanguage.Use(LanguageOf(turnContext));
        await base.OnTurnAsync(turnContext, cancellationToken);
    }

    protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        router.OnMessageAsync(turnContext, TeamOf(turnContext), cancellationToken);

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        var request = new CardActionRequest(invokeValue.Action?.Verb ?? string.Empty, invokeValue.Action?.Data, turnContext, TeamOf(turnContext));
        var card = await router.OnCardActionAsync(request, cancellationToken);
        return card is null ? AdaptiveCardInvokeResponse.Message(Texts.UnknownCardAction) : AdaptiveCardInvokeResponse.Card(card);
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var botId = turnContext.Activity.Recipient?.Id;
        if (membersAdded.Any(member => string.Equals(member.Id, botId, StringComparison.OrdinalIgnoreCase)))
        {
            await InstalledAsync(turnContext, cancellationToken);
        }
    }

    protected override async Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        await conversations.SetInstalledAsync(turnContext.Activity.Conversation!.Id!, installed: true, cancellationToken);
        await InstalledAsync(turnContext, cancellationToken);
    }

    protected override Task OnInstallationUpdateRemoveAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        conversations.SetInstalledAsync(turnContext.Activity.Conversation!.Id!, installed: false, cancellationToken);

    private async Task InstalledAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var team = TeamOf(turnContext);
        if (team is not null)
        {
            await teams.MakeInstallerCoordinatorAsync(team, turnContext.Activity, cancellationToken);
        }

        foreach (var observer in installationObservers)
        {
            await observer.OnInstalledAsync(turnContext, team, cancellationToken);
        }

        LogInstalled(logger, turnContext.Activity.Conversation?.ConversationType, turnContext.Activity.Type);
    }

    private static Team? TeamOf(ITurnContext turnContext) => turnContext.TurnState.TryGetValue(TeamKey, out var team) ? team as Team : null;

    /// <summary>The activity's locale; without one, the team's language; then the configured default.</summary>
    private CultureInfo LanguageOf(ITurnContext turnContext) =>
        BotLanguage.From(turnContext.Activity, TeamOf(turnContext)?.Language ?? options.Value.DefaultLanguage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed in a {ConversationType} conversation on {ActivityType}")]
    private static partial void LogInstalled(ILogger logger, string? conversationType, string? activityType);
}
