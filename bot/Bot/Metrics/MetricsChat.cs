using System.Net;
using System.Text.Json;
using Bot.Hosting;
using Bot.Localization;
using Bot.Metrics.Csv;
using Bot.Persistence;
using Bot.Protocol.Builder;
using Bot.Protocol.Connector;
using Bot.Protocol.Schema;
using Bot.Teams;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Metrics;

public sealed record MetricsKeysCommand : ChatCommand;

public sealed record CreateMetricsKeyCommand(string? Label) : ChatCommand;

public sealed record RevokeMetricsKeyCommand(string Prefix) : ChatCommand;

/// <summary>Typed without a file: answered with how to send one.</summary>
public sealed record ImportMetricsCommand(string? Team) : ChatCommand;

/// <summary>
/// The metrics side of the chat: coordinators manage the team's API keys, and editors and coordinators send a CSV
/// export in the personal chat to import it. A new key is shown once and only to its creator: in the personal chat as
/// the reply; asked in a channel, sent straight to the creator's personal chat through the connector, not through the
/// outbox, because an outbox row would keep the key in the database until it is cleaned up.
/// </summary>
public sealed partial class MetricsChat(
    TeamDirectory teams,
    MetricsApiKeys keys,
    MetricsCsvImport csvImport,
    BotDbContext database,
    ConnectorClientFactory connectors,
    IHttpClientFactory httpClients,
    IOptions<BotOptions> options,
    ILogger<MetricsChat> logger)
{
    public const string HttpClientName = "metrics-file-download";
    public const string FileDownloadInfoContentType = "application/vnd.microsoft.teams.file.download.info";
    private const int BadLinesShown = 15;

    public static bool Handles(ChatCommand command) => command is MetricsKeysCommand or CreateMetricsKeyCommand or RevokeMetricsKeyCommand or ImportMetricsCommand;

    /// <summary>A message carrying a file (Teams' download info), which is what a file sent in the personal chat looks like.</summary>
    public static Attachment? FileOf(Activity activity) =>
        activity.Attachments?.FirstOrDefault(a => string.Equals(a.ContentType, FileDownloadInfoContentType, StringComparison.OrdinalIgnoreCase));

    public async Task HandleAsync(ITurnContext turn, ChatCommand command, Team? activityTeam, BotTexts texts, CancellationToken cancellationToken)
    {
        if (command is ImportMetricsCommand)
        {
            await turn.SendActivityAsync(IsPersonal(turn) ? texts.MetricsImportNeedsFile : texts.MetricsImportOnlyInPersonalChat, cancellationToken);
            return;
        }

        var acting = await teams.ActorAsync(turn.Activity, activityTeam, cancellationToken);
        if (TeamDirectory.RefusalForCoordinatorCommand(acting, texts) is { } refusal)
        {
            await turn.SendActivityAsync(refusal, cancellationToken);
            return;
        }

        var (team, actor, role) = acting!;

        var reply = command switch
        {
            CreateMetricsKeyCommand create => await CreateAsync(turn, team, actor, create.Label, texts, cancellationToken),
            RevokeMetricsKeyCommand revoke => await keys.RevokeAsync(team.TeamId, actor, revoke.Prefix, cancellationToken) switch
            {
                MetricsKeyOutcome.Done => texts.MetricsKeyRevoked(revoke.Prefix),
                MetricsKeyOutcome.AlreadyRevoked => texts.MetricsKeyAlreadyRevoked(revoke.Prefix),
                MetricsKeyOutcome.UnknownKey => texts.MetricsKeyUnknown(revoke.Prefix),
                _ => texts.NotCoordinator(texts.RoleName(role)),
            },
            _ => await ListAsync(team, texts, cancellationToken),
        };
        await turn.SendActivityAsync(reply, cancellationToken);
    }

    private async Task<string> CreateAsync(ITurnContext turn, Team team, string actor, string? label, BotTexts texts, CancellationToken cancellationToken)
    {
        var teamName = team.Name ?? texts.YourTeam;
        if (IsPersonal(turn))
        {
            var (outcome, created) = await keys.CreateAsync(team.TeamId, actor, label, cancellationToken);
            return outcome == MetricsKeyOutcome.Done ? texts.MetricsKeyCreated(created!.Key, created.Stored.Prefix, teamName) : texts.NotCoordinator(texts.RoleName(TeamRole.Viewer));
        }

        // A reply in a channel or group chat is read by everyone in it: the key goes to the personal chat or nowhere.
        var personal = await database.Conversations.AsNoTracking().FirstOrDefaultAsync(
            c => c.ConversationType == ConversationTypes.Personal && c.UserAadObjectId == actor && c.IsInstalled,
            cancellationToken);
        if (personal is null)
        {
            return texts.MetricsKeyNeedsPersonalChat;
        }

        var (result, key) = await keys.CreateAsync(team.TeamId, actor, label, cancellationToken);
        if (result != MetricsKeyOutcome.Done)
        {
            return texts.NotCoordinator(texts.RoleName(TeamRole.Viewer));
        }

        var personalTexts = new BotTexts(BotLanguage.FromLocale(personal.Locale ?? turn.Activity.Locale ?? options.Value.DefaultLanguage));
        var message = MessageFactory.Text(personalTexts.MetricsKeyCreated(key!.Key, key.Stored.Prefix, team.Name ?? personalTexts.YourTeam));
        message.ApplyConversationReference(personal.ToReference());
        try
        {
            await connectors.Create(personal.ServiceUrl).SendToConversationAsync(personal.ConversationId, message, cancellationToken);
        }
        catch (Exception e) when (e is ConnectorException or HttpRequestException or UntrustedServiceUrlException or TaskCanceledException)
        {
            // Nobody has seen the key, so nobody can use it; a key that exists only as a hash would be a silent leftover.
            await keys.RevokeAsync(team.TeamId, actor, key.Stored.Prefix, CancellationToken.None);
            LogKeyNotDelivered(logger, team.TeamId, key.Stored.Prefix, e.GetType().Name);
            return texts.MetricsKeyNotDelivered;
        }

        return texts.MetricsKeySentPrivately(key.Stored.Prefix);
    }

    private async Task<string> ListAsync(Team team, BotTexts texts, CancellationToken cancellationToken)
    {
        var list = await keys.ListAsync(team.TeamId, cancellationToken);
        if (list.Count == 0)
        {
            return texts.MetricsKeysNone;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);
        string Day(DateTimeOffset at) => texts.Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime));
        var lines = list.Select(k => k.RevokedAt is { } revoked
            ? texts.MetricsKeyRevokedLine(k.Prefix, k.Label ?? string.Empty, Day(k.CreatedAt), Day(revoked))
            : texts.MetricsKeyActiveLine(k.Prefix, k.Label ?? string.Empty, Day(k.CreatedAt)));
        return $"{texts.MetricsKeysHead}\n\n{string.Join("\n", lines)}";
    }

    /// <summary>
    /// A CSV file sent in the personal chat. The team: the only one where the sender is editor or coordinator, or the
    /// one named in the message (<c>import metrics Social Media</c>); anything else is asked, not guessed.
    /// </summary>
    public async Task ImportFileAsync(ITurnContext turn, Attachment file, BotTexts texts, CancellationToken cancellationToken)
    {
        var fileName = Path.GetFileName(file.Name ?? "file.csv");
        if (!IsPersonal(turn))
        {
            await turn.SendActivityAsync(texts.MetricsImportOnlyInPersonalChat, cancellationToken);
            return;
        }

        var (team, refusal) = await TeamForImportAsync(turn, texts, cancellationToken);
        if (team is null)
        {
            await turn.SendActivityAsync(refusal!, cancellationToken);
            return;
        }

        var content = file.Content is JsonElement { ValueKind: JsonValueKind.Object } info ? info : default;
        var fileType = content.ValueKind == JsonValueKind.Object && content.TryGetProperty("fileType", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
        if (!string.Equals(fileType, "csv", StringComparison.OrdinalIgnoreCase) && !fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            await turn.SendActivityAsync(texts.MetricsImportNotCsv(fileName), cancellationToken);
            return;
        }

        var url = content.ValueKind == JsonValueKind.Object && content.TryGetProperty("downloadUrl", out var download) && download.ValueKind == JsonValueKind.String ? download.GetString() : null;
        var (bytes, tooLarge) = await DownloadAsync(url, cancellationToken);
        if (bytes is null)
        {
            await turn.SendActivityAsync(tooLarge ? texts.MetricsImportTooLarge(fileName, MetricsCsvImport.MaxFileBytes / (1024 * 1024)) : texts.MetricsImportDownloadFailed(fileName), cancellationToken);
            return;
        }

        var result = await csvImport.ImportAsync(team, bytes, null, cancellationToken);
        await turn.SendActivityAsync(Report(texts, fileName, team, result), cancellationToken);
    }

    /// <summary>The report as the chat shows it; the CLI prints the same words.</summary>
    public static string Report(BotTexts texts, string fileName, Team team, MetricsCsvResult result)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(result);
        var report = result.Report;
        var layout = texts.MetricsLayout(result.Layout);
        if (report.Succeeded)
        {
            return texts.MetricsImportDone(fileName, layout, team.Name ?? texts.YourTeam, report.Read, report.Inserted, report.Updated, report.Unchanged);
        }

        var badLines = report.Errors.Select(e => e.Position).Distinct().Count();
        var lines = report.Errors.Take(BadLinesShown).Select(e => texts.MetricsImportBadLine(e.Position, texts.MetricProblem(e))).ToList();
        if (report.Errors.Count > BadLinesShown)
        {
            lines.Add(texts.MetricsImportMoreBadLines(report.Errors.Count - BadLinesShown));
        }

        return $"{texts.MetricsImportFailed(fileName, layout, report.Read, badLines)}\n\n{string.Join("\n", lines)}";
    }

    private async Task<(Team? Team, string? Refusal)> TeamForImportAsync(ITurnContext turn, BotTexts texts, CancellationToken cancellationToken)
    {
        if (turn.Activity.From?.AadObjectId is not { Length: > 0 } actor)
        {
            return (null, texts.NeedsTeam);
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
            return (null, texts.MetricsImportNoTeam);
        }

        var names = string.Join(", ", eligible.Select(t => t.Name ?? t.TeamId));
        var hint = ChatCommandParser.Parse(turn.Activity.RemoveRecipientMention()) is ImportMetricsCommand { Team: { } named } ? named : null;
        if (hint is not null)
        {
            var matching = eligible.Where(t => string.Equals(ChatCommandParser.Normalize(t.Name ?? t.TeamId), ChatCommandParser.Normalize(hint), StringComparison.Ordinal)).ToList();
            return matching.Count == 1 ? (matching[0], null) : (null, texts.MetricsImportUnknownTeam(hint, names));
        }

        return eligible.Count == 1 ? (eligible[0], null) : (null, texts.MetricsImportWhichTeam(names, eligible[0].Name ?? eligible[0].TeamId));
    }

    /// <summary>
    /// Teams' download URL is pre-authorised and short-lived, so no token is sent with it. Only https (plain http to
    /// loopback, for local tests), no redirects to elsewhere, at most <see cref="MetricsCsvImport.MaxFileBytes"/>.
    /// </summary>
    private async Task<(byte[]? Bytes, bool TooLarge)> DownloadAsync(string? url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            LogDownloadRefused(logger, "address");
            return (null, false);
        }

        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                LogDownloadRefused(logger, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                return (null, false);
            }

            if (response.Content.Headers.ContentLength > MetricsCsvImport.MaxFileBytes)
            {
                return (null, true);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MetricsCsvImport.MaxFileBytes)
                {
                    return (null, true);
                }

                buffer.Write(chunk, 0, read);
            }

            return (buffer.ToArray(), false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogDownloadRefused(logger, e.GetType().Name);
            return (null, false);
        }
    }

    private static bool IsPersonal(ITurnContext turn) =>
        string.Equals(turn.Activity.Conversation?.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics key {Prefix} of team {TeamId} could not be sent to the personal chat ({Error}); revoked")]
    private static partial void LogKeyNotDelivered(ILogger logger, string teamId, string prefix, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics file download refused or failed: {Reason}")]
    private static partial void LogDownloadRefused(ILogger logger, string reason);
}
