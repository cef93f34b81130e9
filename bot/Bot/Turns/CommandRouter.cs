using System.Text.Json;
using Bot.Localization;
using Bot.Protocol.AdaptiveCards;
using Bot.Protocol.Builder;
using Bot.Protocol.Schema;
using Bot.Staffing;
using Bot.Teams;

namespace Bot.Turns;

/// <summary>
/// Routes a turn by table: message words to the command's handler (<see cref="CommandCatalog"/>), card verbs to the
/// card action (<see cref="CardActionCatalog"/>), a file to the file handler. The actor each route asks for is settled
/// first, and a refusal is answered here, so no handler starts with the same prologue.
/// </summary>
public sealed partial class CommandRouter(IServiceProvider services, TurnActors actors, ILogger<CommandRouter> logger)
{
    /// <summary>Teams' content type for a file sent in a personal chat (the bot gets a download link, not the bytes).</summary>
    public const string FileDownloadInfoContentType = "application/vnd.microsoft.teams.file.download.info";

    public async Task OnMessageAsync(ITurnContext turn, Team? activityTeam, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;

        // An Action.Submit (the fallback of our Action.Execute buttons) arrives as a message with an object value and no text.
        if (string.IsNullOrWhiteSpace(activity.Text) && activity.Value is JsonElement { ValueKind: JsonValueKind.Object } submitted)
        {
            await OnSubmitAsync(turn, submitted, activityTeam, cancellationToken);
            return;
        }

        if (FileOf(activity) is { } file && services.GetService<IFileMessageHandler>() is { } fileHandler)
        {
            LogCommand(logger, "File", activity.Id);
            await fileHandler.HandleAsync(file, new CommandTurn(turn, activityTeam, actor: null), cancellationToken);
            return;
        }

        var (definition, command) = ChatCommandParser.Match(activity.RemoveRecipientMention(), [.. activity.GetMentions()]);
        LogCommand(logger, command.GetType().Name, activity.Id);
        switch (command)
        {
            case UnknownCommand unknown:
                var suggestion = ChatCommandParser.SuggestCommand(unknown.Input);
                await turn.SendActivityAsync(
                    suggestion is null ? Texts.FormatUnknownCommand(Shorten(unknown.Input)) : Texts.FormatUnknownCommandDidYouMean(Shorten(unknown.Input), suggestion),
                    cancellationToken);
                return;
            case MalformedCommand malformed:
                var usage = Texts.FormatMalformedCommand(malformed.Command.WordIn(), malformed.Command.UsageIn());
                await turn.SendActivityAsync(malformed.Reason is { } reason ? $"{reason()}\n\n{usage}" : usage, cancellationToken);
                return;
            case UnknownPlatformCommand unknownPlatform:
                await turn.SendActivityAsync(Texts.FormatUnknownPlatform(Shorten(unknownPlatform.Word), string.Join(", ", PlatformNames.KnownNames)), cancellationToken);
                return;
        }

        var (actor, refusal) = await actors.SettleAsync(definition!.Requires, turn, activityTeam, cancellationToken);
        if (refusal is not null)
        {
            await turn.SendActivityAsync(refusal, cancellationToken);
            return;
        }

        await definition.Invoke!(services, command, new CommandTurn(turn, activityTeam, actor), cancellationToken);
    }

    /// <summary>The card a button's verb answers with; a refusal or an unknown verb (e.g. from an old card) is a notice card.</summary>
    public async Task<AdaptiveCard?> OnCardActionAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        LogCardAction(logger, request.Verb, request.Turn.Activity.Id);
        if (!CardActionCatalog.All.TryGetValue(request.Verb, out var route))
        {
            return null;
        }

        var action = (ICardAction)services.GetRequiredService(route.Action);
        var (actor, refusal) = await actors.SettleAsync(route.Requires, request.Turn, request.Team, cancellationToken);
        if (refusal is not null)
        {
            return action.Refused(request, refusal);
        }

        return await action.ExecuteAsync(actor is null ? request : request with { Actor = actor }, cancellationToken);
    }

    private async Task OnSubmitAsync(ITurnContext turn, JsonElement submitted, Team? activityTeam, CancellationToken cancellationToken)
    {
        var verb = submitted.TryGetProperty(ActionExecute.VerbDataKey, out var verbElement) && verbElement.ValueKind == JsonValueKind.String
            ? verbElement.GetString()!
            : string.Empty;
        var answer = await OnCardActionAsync(new CardActionRequest(verb, submitted, turn, activityTeam), cancellationToken);
        if (answer is null)
        {
            await turn.SendActivityAsync(Texts.UnknownCardAction, cancellationToken);
            return;
        }

        var isPersonal = string.Equals(turn.Activity.Conversation?.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase);
        await turn.SendActivityAsync(MessageFactory.Attachment((isPersonal ? answer : WithoutPersonalParts(answer)).ToAttachment()), cancellationToken);
    }

    /// <summary>A message carrying a file (Teams' download info), which is what a file sent in the personal chat looks like.</summary>
    public static Attachment? FileOf(Activity activity) =>
        activity?.Attachments?.FirstOrDefault(a => string.Equals(a.ContentType, FileDownloadInfoContentType, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A submit cannot answer the clicker alone: in a channel or group chat the answer is a new message everyone sees, so
    /// it must not carry one person's inputs, buttons or refresh (a reviewer's view would hand everyone the buttons).
    /// </summary>
    private static AdaptiveCard WithoutPersonalParts(AdaptiveCard card) => new()
    {
        Body = [.. card.Body.Where(element => element is not (ActionSet or InputText or InputChoiceSet or InputDate or InputTime or InputToggle))],
        Msteams = card.Msteams,
    };

    private static string Shorten(string input) => input.Length <= 60 ? input : input[..57] + "…";

    [LoggerMessage(Level = LogLevel.Debug, Message = "Command {Command} from activity {ActivityId}")]
    private static partial void LogCommand(ILogger logger, string command, string? activityId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Card action {Verb} from activity {ActivityId}")]
    private static partial void LogCardAction(ILogger logger, string verb, string? activityId);
}

/// <summary>Answers a message that carries a file (Teams' download info) instead of a command.</summary>
public interface IFileMessageHandler
{
    Task HandleAsync(Attachment file, CommandTurn turn, CancellationToken cancellationToken);
}

/// <summary>Hears that the bot was installed in a conversation, in registration order, after the installer became coordinator.</summary>
public interface IInstallationObserver
{
    Task OnInstalledAsync(ITurnContext turn, Team? team, CancellationToken cancellationToken);
}

/// <summary>A one-line card: the answer to a card action that was refused or could not be done.</summary>
public static class NoticeCard
{
    public static AdaptiveCard Create(string message) => new() { Body = [new TextBlock(message)] };
}
