using System.Globalization;
using Bot.Delivery;
using Bot.Hosting;
using Bot.Localization;
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
public sealed partial class ExportAuditHandler(
    DownloadTokens tokens,
    Notifier notifier,
    IHttpContextAccessor http,
    IOptions<DownloadOptions> options,
    ILogger<ExportAuditHandler> logger) : ICommandHandler<ExportAuditCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("export-audit", "export audit", "audit exportieren", () => Texts.CommandExportAuditDescription, CommandDefinition.TeamScopes, "2026-11-01..2026-11-30", "01.11.2026..30.11.2026", CommandArguments.ExportAudit)
        {
            Order = 200,
            ShowInMenu = false,
            Aliases = ["audit export", "exportiere audit", "prüfprotokoll exportieren", "pruefprotokoll exportieren"],
            Requires = ActorRequirement.Coordinator,
        }.Route<ExportAuditCommand, ExportAuditHandler>();

    public async Task HandleAsync(ExportAuditCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        var (team, actor, _) = turn.Actor;
        if (command.LastDay.DayNumber - command.FirstDay.DayNumber + 1 > AuditExporter.MaxDays)
        {
            await turn.ReplyAsync(Texts.FormatAuditExportTooLong(AuditExporter.MaxDays), cancellationToken);
            return;
        }

        var token = tokens.Issue(team.TeamId, actor, command.FirstDay, command.LastDay, BotLanguage.Current.TwoLetterISOLanguageName);
        var link = $"{DownloadEndpoints.BaseUrl(options.Value, http.HttpContext?.Request)}{AuditDownloads.Path}/{token}";
        var minutes = (int)tokens.Lifetime.TotalMinutes;
        // Rendered now, in the asker's language like the export it links to, even when it goes to the personal chat.
        var message = Texts.FormatAuditExportReady(LocalFormat.Date(command.FirstDay), LocalFormat.Date(command.LastDay), link, minutes);
        LogIssued(logger, team.TeamId, actor, command.FirstDay.ToString("O", CultureInfo.InvariantCulture), command.LastDay.ToString("O", CultureInfo.InvariantCulture));
        if (string.Equals(turn.Activity.Conversation?.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase))
        {
            await turn.ReplyAsync(message, cancellationToken);
            return;
        }

        var from = turn.Activity.From!;
        await notifier.TellPersonAsync(team, new TeamMember(actor, from.Id ?? string.Empty, from.Name ?? string.Empty), turn.Activity.Recipient!, turn.Activity.ServiceUrl!, () => message, cancellationToken);
        await turn.ReplyAsync(Texts.AuditExportSentPrivately, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit download link issued for team {TeamId} to {ActorAadObjectId}, {FirstDay}..{LastDay}")]
    private static partial void LogIssued(ILogger logger, string teamId, string actorAadObjectId, string firstDay, string lastDay);
}
