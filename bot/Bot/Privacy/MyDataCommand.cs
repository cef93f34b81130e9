using Bot.Hosting;
using Bot.Localization;
using Bot.Protocol.Schema;
using Bot.Turns;
using Microsoft.Extensions.Options;

namespace Bot.Privacy;

/// <summary>Someone asks for everything the bot stores about them.</summary>
public sealed record MyDataCommand : ChatCommand;

/// <summary>
/// <c>my data</c>: a short-lived link to everything stored about the asker, only in the personal chat, since the link
/// is as good as the data for whoever reads it. Anyone may ask, with or without a team.
/// </summary>
public sealed partial class MyDataHandler(
    DownloadTokens tokens,
    IHttpContextAccessor http,
    IOptions<DownloadOptions> downloads,
    ILogger<MyDataHandler> logger) : ICommandHandler<MyDataCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("my-data", "my data", "meine daten", () => Texts.CommandMyDataDescription, ConversationScopes.Personal, "", "", _ => new MyDataCommand())
        {
            Order = 160,
            ShowInMenu = false,
            Requires = ActorRequirement.None,
        }.Route<MyDataCommand, MyDataHandler>();

    public async Task HandleAsync(MyDataCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        if (!string.Equals(turn.Activity.Conversation?.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase)
            || turn.Activity.From?.AadObjectId is not { Length: > 0 } person)
        {
            await turn.ReplyAsync(Texts.MyDataOnlyInPersonalChat, cancellationToken);
            return;
        }

        var link = $"{DownloadEndpoints.BaseUrl(downloads.Value, http.HttpContext?.Request)}{PersonalDataDownloads.Path}/{tokens.IssuePersonalData(person)}";
        LogPersonalDataLinkIssued(logger, person);
        await turn.ReplyAsync(Texts.FormatMyDataReady(link, (int)tokens.Lifetime.TotalMinutes), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal data link issued to {AadObjectId}")]
    private static partial void LogPersonalDataLinkIssued(ILogger logger, string aadObjectId);
}
