using Bot.Persistence;
using Bot.Staffing;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;

namespace Bot.Metrics;

/// <summary>Rows parsed from an API batch or a file, with the errors found while parsing and how many rows were read.</summary>
public sealed record MetricsBatch(int Read, IReadOnlyList<MetricInput> Rows, IReadOnlyList<MetricRowError> Errors);

/// <summary>
/// The one way figures get into the database, for the API, the chat import and the CLI alike: every row is checked
/// against the team's own social channels and sensible ranges first, and only a batch without a single bad row is
/// written, in one transaction, as an upsert on the natural key (social channel or post URL, date, metric). A figure
/// that is already stored with the same value is left alone (not even its read time changes), so sending the same
/// batch twice changes nothing.
/// </summary>
public sealed partial class MetricsStore(BotDbContext database, TimeProvider timeProvider, ILogger<MetricsStore> logger)
{
    public const int MaxRows = 10_000;
    public const long MaxValue = 1_000_000_000_000;
    public const int MaxYearsBack = 5;
    public const int MaxPostUrlLength = 2048;
    public const int MaxSourceLength = 64;

    public async Task<MetricsImportReport> ImportAsync(Team team, MetricsBatch batch, string defaultSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Read > MaxRows)
        {
            return MetricsImportReport.Failed(batch.Read, [new MetricRowError(0, MetricProblem.TooManyRows, MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        var errors = batch.Errors.ToList();
        var channels = await database.SocialChannels.AsNoTracking().Where(c => c.TeamId == team.TeamId).ToListAsync(cancellationToken);
        var today = TeamToday(team);
        var checkedRows = new List<CheckedRow>(batch.Rows.Count);
        var seen = new Dictionary<(int? Channel, string? Url, DateOnly Date, MetricKind Metric), int>();
        foreach (var row in batch.Rows)
        {
            var problem = Check(row, channels, today, out var checkedRow);
            if (problem is not null)
            {
                errors.Add(problem);
                continue;
            }

            var key = (checkedRow!.SocialChannelId, checkedRow.PostUrl, checkedRow.Date, checkedRow.Metric);
            if (seen.TryGetValue(key, out var first))
            {
                errors.Add(new MetricRowError(row.Position, MetricProblem.Duplicate, first.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                continue;
            }

            seen[key] = row.Position;
            checkedRows.Add(checkedRow with { Source = row.Source ?? defaultSource });
        }

        if (errors.Count > 0)
        {
            LogRefused(logger, team.TeamId, batch.Read, errors.Count);
            return MetricsImportReport.Failed(batch.Read, [.. errors.OrderBy(e => e.Position)]);
        }

        int inserted, updated;
        try
        {
            (inserted, updated) = await UpsertAsync(team.TeamId, checkedRows, cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation() && database.Database.CurrentTransaction is null)
        {
            // Another request stored one of these figures between our read and our write: read again, decide again.
            database.ChangeTracker.Clear();
            (inserted, updated) = await UpsertAsync(team.TeamId, checkedRows, cancellationToken);
        }

        LogImported(logger, team.TeamId, batch.Read, inserted, updated);
        return new MetricsImportReport(batch.Read, inserted, updated, checkedRows.Count - inserted - updated, []);
    }

    /// <summary>Today in the team's zone: a figure for "today" is fine in Berlin at 00:30 even while UTC is still yesterday.</summary>
    public DateOnly TeamToday(Team team)
    {
        ArgumentNullException.ThrowIfNull(team);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), zone).DateTime);
    }

    private static MetricRowError? Check(MetricInput row, IReadOnlyList<SocialChannel> channels, DateOnly today, out CheckedRow? checkedRow)
    {
        checkedRow = null;
        var targets = (row.SocialChannelId is null ? 0 : 1) + (row.SocialChannelName is null ? 0 : 1) + (row.PostUrl is null ? 0 : 1);
        if (targets == 0)
        {
            return new(row.Position, MetricProblem.NoTarget);
        }

        if (targets > 1)
        {
            return new(row.Position, MetricProblem.SeveralTargets);
        }

        int? channelId = null;
        string? url = null;
        if (row.SocialChannelId is { } id)
        {
            // Another team's social channel reads exactly like one that does not exist: its id reveals nothing.
            if (!channels.Any(c => c.Id == id))
            {
                return new(row.Position, MetricProblem.UnknownSocialChannel, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            channelId = id;
        }
        else if (row.SocialChannelName is { } name)
        {
            var found = FindSocialChannel(channels, name);
            if (found.Count != 1)
            {
                return new(row.Position, found.Count == 0 ? MetricProblem.UnknownSocialChannel : MetricProblem.AmbiguousSocialChannel, Shorten(name));
            }

            channelId = found[0].Id;
        }
        else
        {
            var text = row.PostUrl!.Trim();
            if (text.Length > MaxPostUrlLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            {
                return new(row.Position, MetricProblem.InvalidPostUrl, Shorten(text));
            }

            url = PostUrls.Normalise(text);
        }

        var date = row.Date ?? (url is not null ? today : (DateOnly?)null);
        if (date is null)
        {
            return new(row.Position, MetricProblem.MissingDate);
        }

        if (date.Value > today.AddDays(1))
        {
            return new(row.Position, MetricProblem.DateInFuture, date.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (date.Value < today.AddYears(-MaxYearsBack))
        {
            return new(row.Position, MetricProblem.DateTooOld, date.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (row.Value is < 0 or > MaxValue)
        {
            return new(row.Position, MetricProblem.ValueOutOfRange, row.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (row.Source is { } source && (source.Length is 0 or > MaxSourceLength || source.Any(char.IsControl)))
        {
            return new(row.Position, MetricProblem.InvalidSource);
        }

        checkedRow = new CheckedRow(channelId, url, date.Value, row.Metric, row.Value, string.Empty);
        return null;
    }

    /// <summary>
    /// "instagram @contoso_de", "Instagram contoso_de", or just "linkedin" when the team has one LinkedIn page; the
    /// handle is compared without case and without a leading @, as exports write it either way.
    /// </summary>
    public static IReadOnlyList<SocialChannel> FindSocialChannel(IReadOnlyList<SocialChannel> channels, string name)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(name);
        var words = name.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return [];
        }

        if (PlatformNames.TryParse(words[0], out var platform))
        {
            var ofPlatform = channels.Where(c => c.Platform == platform).ToList();
            return words.Length == 1 ? ofPlatform : [.. ofPlatform.Where(c => SameHandle(c.Handle, words[1]))];
        }

        return [.. channels.Where(c => SameHandle(c.Handle, name))];
    }

    private static bool SameHandle(string stored, string given) =>
        string.Equals(stored.Trim().TrimStart('@'), given.Trim().TrimStart('@'), StringComparison.OrdinalIgnoreCase);

    private async Task<(int Inserted, int Updated)> UpsertAsync(string teamId, List<CheckedRow> rows, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        // Part of the caller's transaction when there is one (a card action's turn); otherwise its own, all or nothing.
        await using var transaction = database.Database.CurrentTransaction is null ? await database.Database.BeginTransactionAsync(cancellationToken) : null;
        int inserted = 0, updated = 0;

        var channelRows = rows.Where(r => r.SocialChannelId is not null).ToList();
        if (channelRows.Count > 0)
        {
            var ids = channelRows.Select(r => r.SocialChannelId!.Value).Distinct().ToList();
            var (first, last) = (channelRows.Min(r => r.Date), channelRows.Max(r => r.Date));
            var existing = await database.SocialChannelDailyMetrics
                .Where(m => m.TeamId == teamId && ids.Contains(m.SocialChannelId) && m.Date >= first && m.Date <= last)
                .ToDictionaryAsync(m => (m.SocialChannelId, m.Date, m.Metric), cancellationToken);
            foreach (var row in channelRows)
            {
                if (existing.TryGetValue((row.SocialChannelId!.Value, row.Date, row.Metric), out var stored))
                {
                    updated += Update(stored.Value == row.Value, () => { stored.Value = row.Value; stored.Source = row.Source; stored.ReadAt = now; });
                    continue;
                }

                database.SocialChannelDailyMetrics.Add(new SocialChannelDailyMetric
                {
                    TeamId = teamId,
                    SocialChannelId = row.SocialChannelId.Value,
                    Date = row.Date,
                    Metric = row.Metric,
                    Value = row.Value,
                    Source = row.Source,
                    ReadAt = now,
                });
                inserted++;
            }
        }

        var postRows = rows.Where(r => r.PostUrl is not null).ToList();
        if (postRows.Count > 0)
        {
            var urls = postRows.Select(r => r.PostUrl!).Distinct().ToList();
            var (first, last) = (postRows.Min(r => r.Date), postRows.Max(r => r.Date));
            var existing = await database.PostMetrics
                .Where(m => m.TeamId == teamId && urls.Contains(m.PostUrl) && m.Date >= first && m.Date <= last)
                .ToDictionaryAsync(m => (m.PostUrl, m.Date, m.Metric), cancellationToken);
            foreach (var row in postRows)
            {
                if (existing.TryGetValue((row.PostUrl!, row.Date, row.Metric), out var stored))
                {
                    updated += Update(stored.Value == row.Value, () => { stored.Value = row.Value; stored.Source = row.Source; stored.ReadAt = now; });
                    continue;
                }

                database.PostMetrics.Add(new PostMetric { TeamId = teamId, PostUrl = row.PostUrl!, Date = row.Date, Metric = row.Metric, Value = row.Value, Source = row.Source, ReadAt = now });
                inserted++;
            }
        }

        await database.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return (inserted, updated);
    }

    private static int Update(bool same, Action change)
    {
        if (same)
        {
            return 0;
        }

        change();
        return 1;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics for team {TeamId}: {Read} rows read, {Inserted} inserted, {Updated} updated")]
    private static partial void LogImported(ILogger logger, string teamId, int read, int inserted, int updated);

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics for team {TeamId} refused: {Read} rows read, {Errors} bad rows, nothing stored")]
    private static partial void LogRefused(ILogger logger, string teamId, int read, int errors);

    private sealed record CheckedRow(int? SocialChannelId, string? PostUrl, DateOnly Date, MetricKind Metric, long Value, string Source);
}
