using System.Net;
using System.Text.Json;
using Bot.Delivery;
using Bot.Hosting;
using Bot.Localization;
using Bot.Metrics.Csv;
using Bot.Persistence;
using Bot.Protocol.Builder;
using Bot.Protocol.Schema;
using Bot.Teams;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Metrics;

/// <summary>Typed without a file: answered with how to send one.</summary>
public sealed record ImportMetricsCommand(string? Team) : ChatCommand;

/// <summary>
/// <c>import metrics [team]</c> typed without a file. Where it was written is checked before any team, so it needs no
/// actor: in the personal chat it asks for the file, elsewhere it says where to send it.
/// </summary>
public sealed class ImportMetricsHandler : ICommandHandler<ImportMetricsCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("import-metrics", "import metrics", "metriken importieren", () => Texts.CommandImportMetricsDescription, ConversationScopes.Personal, "[team]", "[team]", CommandArguments.ImportMetrics)
        {
            Order = 290,
            ShowInMenu = false,
            Aliases = ["kennzahlen importieren", "zahlen importieren"],
            Requires = ActorRequirement.None,
        }.Route<ImportMetricsCommand, ImportMetricsHandler>();

    public Task HandleAsync(ImportMetricsCommand command, CommandTurn turn, CancellationToken cancellationToken) =>
        turn.ReplyAsync(PersonalChat.Is(turn.Activity) ? Texts.MetricsImportNeedsFile : Texts.MetricsImportOnlyInPersonalChat, cancellationToken);
}

/// <summary>
/// A CSV file sent in the personal chat, imported for the sender's team. The team: the only one where the sender is
/// editor or coordinator, or the one named in the message (<c>import metrics Social Media</c>); anything else is
/// asked, not guessed.
/// </summary>
public sealed partial class MetricsFileImport(
    MetricsCsvImport csvImport,
    BotDbContext database,
    IHttpClientFactory httpClients,
    UserSuppliedUrls destinations,
    IOptions<BotOptions> options,
    ILogger<MetricsFileImport> logger) : IFileMessageHandler
{
    public const string HttpClientName = "metrics-file-download";

    public async Task HandleAsync(Attachment file, CommandTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(turn);
        var fileName = Path.GetFileName(file.Name ?? "file.csv");
        if (!PersonalChat.Is(turn.Activity))
        {
            await turn.ReplyAsync(Texts.MetricsImportOnlyInPersonalChat, cancellationToken);
            return;
        }

        var (team, refusal) = await TeamForImportAsync(turn.Activity, cancellationToken);
        if (team is null)
        {
            await turn.ReplyAsync(refusal!, cancellationToken);
            return;
        }

        var content = file.Content is JsonElement { ValueKind: JsonValueKind.Object } info ? info : default;
        var fileType = content.ValueKind == JsonValueKind.Object && content.TryGetProperty("fileType", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
        if (!string.Equals(fileType, "csv", StringComparison.OrdinalIgnoreCase) && !fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            await turn.ReplyAsync(Texts.FormatMetricsImportNotCsv(fileName), cancellationToken);
            return;
        }

        var url = content.ValueKind == JsonValueKind.Object && content.TryGetProperty("downloadUrl", out var download) && download.ValueKind == JsonValueKind.String ? download.GetString() : null;
        var (bytes, tooLarge, downloadRefusal) = await DownloadAsync(url, cancellationToken);
        if (bytes is null)
        {
            var reply = downloadRefusal is not null ? Texts.FormatMetricsImportDownloadRefused(fileName, downloadRefusal.Describe())
                : tooLarge ? Texts.FormatMetricsImportTooLarge(fileName, MetricsCsvImport.MaxFileBytes / (1024 * 1024))
                : Texts.FormatMetricsImportDownloadFailed(fileName);
            await turn.ReplyAsync(reply, cancellationToken);
            return;
        }

        var result = await csvImport.ImportAsync(team, bytes, null, cancellationToken);
        await turn.ReplyAsync(MetricsCsvReport.Text(fileName, team, result), cancellationToken);
    }

    private async Task<(Team? Team, string? Refusal)> TeamForImportAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.From?.AadObjectId is not { Length: > 0 } actor)
        {
            return (null, TurnActors.NoTeam);
        }

        var everywhere = options.Value.Coordinators.Contains(actor, StringComparer.OrdinalIgnoreCase);
        var teamIds = everywhere
            ? await database.Teams.AsNoTracking().Select(t => t.TeamId).ToListAsync(cancellationToken)
            : await database.TeamMemberships.AsNoTracking()
                .Where(m => m.AadObjectId == actor && (m.Role == TeamRole.Editor || m.Role == TeamRole.Coordinator))
                .Select(m => m.TeamId)
                .ToListAsync(cancellationToken);
        var eligible = await database.Teams.AsNoTracking().Where(t => teamIds.Contains(t.TeamId)).OrderBy(t => t.Name).ToListAsync(cancellationToken);
        if (eligible.Count == 0)
        {
            return (null, Texts.MetricsImportNoTeam);
        }

        var names = string.Join(", ", eligible.Select(t => t.Name ?? t.TeamId));
        var hint = ChatCommandParser.Parse(activity.RemoveRecipientMention()) is ImportMetricsCommand { Team: { } named } ? named : null;
        if (hint is not null)
        {
            var matching = eligible.Where(t => string.Equals(ChatCommandParser.Normalize(t.Name ?? t.TeamId), ChatCommandParser.Normalize(hint), StringComparison.Ordinal)).ToList();
            return matching.Count == 1 ? (matching[0], null) : (null, Texts.FormatMetricsImportUnknownTeam(hint, names));
        }

        return eligible.Count == 1 ? (eligible[0], null) : (null, Texts.FormatMetricsImportWhichTeam(names, eligible[0].Name ?? eligible[0].TeamId));
    }

    /// <summary>
    /// Teams' download URL is pre-authorised and short-lived, so no token is sent with it. The URL comes inside the
    /// activity, so it is as user-supplied as a webhook: checked first, so the sender hears why an internal address is
    /// refused, and fetched through the guarded client, which checks again after DNS resolution on every connection and
    /// follows no redirect. At most <see cref="MetricsCsvImport.MaxFileBytes"/>.
    /// </summary>
    private async Task<(byte[]? Bytes, bool TooLarge, DestinationRefusal? Refusal)> DownloadAsync(string? url, CancellationToken cancellationToken)
    {
        if (url is null)
        {
            LogDownloadRefused(logger, "address");
            return (null, false, null);
        }

        if (await destinations.CheckAsync(url, cancellationToken) is { } refusal)
        {
            LogDownloadRefused(logger, refusal.Reason.ToString());
            return (null, false, refusal);
        }

        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                LogDownloadRefused(logger, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                return (null, false, null);
            }

            if (response.Content.Headers.ContentLength > MetricsCsvImport.MaxFileBytes)
            {
                return (null, true, null);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MetricsCsvImport.MaxFileBytes)
                {
                    return (null, true, null);
                }

                buffer.Write(chunk, 0, read);
            }

            return (buffer.ToArray(), false, null);
        }
        catch (HttpRequestException e) when (e.InnerException is DestinationRefusedException refused)
        {
            // The name resolved elsewhere at connect time than when it was checked a moment ago.
            LogDownloadRefused(logger, refused.Refusal.Reason.ToString());
            return (null, false, refused.Refusal);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogDownloadRefused(logger, e.GetType().Name);
            return (null, false, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics file download refused or failed: {Reason}")]
    private static partial void LogDownloadRefused(ILogger logger, string reason);
}
