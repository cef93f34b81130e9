using System.Globalization;
using Bot.Delivery;
using Bot.Hosting;
using Bot.Localization;
using Bot.Protocol.Builder;
using Bot.Protocol.Schema;
using Bot.Teams;
using Bot.Turns;
using Microsoft.Extensions.Options;

namespace Bot.AuditExport;

public sealed record ExportAuditCommand(DateOnly FirstDay, DateOnly LastDay) : ChatCommand;

/// <summary>
/// <c>export audit 2026-11-01..2026-11-30</c> / <c>audit exportieren 01.11.2026..30.11.2026</c>: a coordinator gets a
/// short-lived link to the team's audit CSV. Asked in a channel, the link goes to the asker's personal chat, because a
/// link in the channel would hand the audit to everyone reading it for as long as it works.
/// </summary>
public sealed partial class AuditExportChat(
    TeamDirectory teams,
    DownloadTokens tokens,
    Notifier notifier,
    IHttpContextAccessor http,
    IOptions<DownloadOptions> options,
    ILogger<AuditExportChat> logger)
{
    public async Task HandleAsync(ITurnContext turn, ExportAuditCommand command, Team? activityTeam, BotTexts texts, CancellationToken cancellationToken)
    {
        var acting = await teams.ActorAsync(turn.Activity, activityTeam, cancellationToken);
        if (TeamDirectory.RefusalForCoordinatorCommand(acting, texts) is { } refusal)
        {
            await turn.SendActivityAsync(refusal, cancellationToken);
            return;
        }

        var (team, actor, _) = acting!;

        if (command.LastDay.DayNumber - command.FirstDay.DayNumber + 1 > AuditExporter.MaxDays)
        {
            await turn.SendActivityAsync(texts.AuditExportTooLong(AuditExporter.MaxDays), cancellationToken);
            return;
        }

        var token = tokens.Issue(team.TeamId, actor, command.FirstDay, command.LastDay, texts.Culture.TwoLetterISOLanguageName);
        var link = $"{BaseUrl()}{DownloadEndpoints.Path}/{token}";
        var minutes = (int)tokens.Lifetime.TotalMinutes;
        string Message(BotTexts t) => t.AuditExportReady(t.Date(command.FirstDay), t.Date(command.LastDay), link, minutes);
        LogIssued(logger, team.TeamId, actor, command.FirstDay.ToString("O", CultureInfo.InvariantCulture), command.LastDay.ToString("O", CultureInfo.InvariantCulture));
        if (string.Equals(turn.Activity.Conversation?.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase))
        {
            await turn.SendActivityAsync(Message(texts), cancellationToken);
            return;
        }

        var from = turn.Activity.From!;
        await notifier.TellPersonAsync(team, new TeamMember(actor, from.Id ?? string.Empty, from.Name ?? string.Empty), turn.Activity.Recipient!, turn.Activity.ServiceUrl!, _ => Message(texts), cancellationToken);
        await turn.SendActivityAsync(texts.AuditExportSentPrivately, cancellationToken);
    }

    private string BaseUrl() => DownloadEndpoints.BaseUrl(options.Value, http.HttpContext?.Request);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit download link issued for team {TeamId} to {ActorAadObjectId}, {FirstDay}..{LastDay}")]
    private static partial void LogIssued(ILogger logger, string teamId, string actorAadObjectId, string firstDay, string lastDay);
}
