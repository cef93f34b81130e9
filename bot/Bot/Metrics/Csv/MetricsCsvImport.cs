using Bot.Persistence;
using Bot.Staffing;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;

namespace Bot.Metrics.Csv;

/// <summary>What a file turned into: its layout (if recognised) and the import report.</summary>
public sealed record MetricsCsvResult(MetricsCsvLayout? Layout, MetricsImportReport Report);

/// <summary>
/// A CSV export into the team's figures, all or nothing: the layout is recognised from the header, every data line is
/// parsed and checked, and only a file without a single bad line reaches <see cref="MetricsStore"/>. Used by the chat
/// (a file sent in the personal chat) and by the <c>import-metrics</c> command line.
/// </summary>
public sealed class MetricsCsvImport(MetricsStore store, BotDbContext database)
{
    public const int MaxFileBytes = 5 * 1024 * 1024;

    /// <param name="socialChannel">For layouts that do not name the account (LinkedIn): which social channel, e.g. "linkedin contoso".</param>
    public async Task<MetricsCsvResult> ImportAsync(Team team, byte[] content, string? socialChannel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        var parsed = Parse(content, socialChannel);
        if (parsed.Layout is null)
        {
            return new(parsed.Layout, MetricsImportReport.Failed(parsed.Batch.Read, parsed.Batch.Errors));
        }

        if (parsed.ImpliedPlatform is { } platform && socialChannel is null)
        {
            // One clear answer for the file instead of the same "which page?" on every line.
            var channels = await database.SocialChannels.AsNoTracking().Where(c => c.TeamId == team.TeamId && c.Platform == platform).ToListAsync(cancellationToken);
            if (channels.Count != 1)
            {
                return new(parsed.Layout, MetricsImportReport.Failed(parsed.Batch.Read, [new MetricRowError(1, MetricProblem.NoSocialChannelForLayout, PlatformNames.Display(platform))]));
            }
        }

        return new(parsed.Layout, await store.ImportAsync(team, parsed.Batch, "csv", cancellationToken));
    }

    /// <summary>The file's layout and figures, without touching the database (also what the tests of the sample files use).</summary>
    public static (MetricsCsvLayout? Layout, MetricsBatch Batch, Platform? ImpliedPlatform) Parse(byte[] content, string? socialChannel = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (records, separator, unterminated) = CsvReader.Read(CsvReader.Decode(content));
        if (unterminated is { } line)
        {
            return (null, new MetricsBatch(Math.Max(records.Count - 1, 0), [], [new MetricRowError(line, MetricProblem.UnterminatedQuote)]), null);
        }

        if (records.Count == 0)
        {
            return (null, new MetricsBatch(0, [], [new MetricRowError(1, MetricProblem.EmptyFile)]), null);
        }

        var header = new HeaderIndex(records[0].Fields);
        var parser = MetricsCsvLayoutParser.All.FirstOrDefault(p => p.Matches(header));
        if (parser is null)
        {
            return (null, new MetricsBatch(records.Count - 1, [], [new MetricRowError(records[0].Line, MetricProblem.UnknownLayout)]), null);
        }

        var style = separator == ';' || IsGermanHeader(records[0].Fields) ? NumberStyle.German : NumberStyle.English;
        var target = socialChannel ?? (parser.ImpliedPlatform is { } platform ? PlatformNames.Display(platform) : null);
        var rows = new List<MetricInput>();
        var errors = new List<MetricRowError>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != header.Count)
            {
                errors.Add(new MetricRowError(record.Line, MetricProblem.WrongColumnCount, $"{record.Fields.Count}/{header.Count}"));
                continue;
            }

            rows.AddRange(parser.Rows(header, record, style, target, errors));
        }

        return (parser.Layout, new MetricsBatch(records.Count - 1, rows, errors), parser.ImpliedPlatform);
    }

    /// <summary>German exports write thousands as 1.234 even with commas between cells; their header gives them away.</summary>
    private static bool IsGermanHeader(IReadOnlyList<string> header) =>
        header.Any(name => HeaderIndex.Normalise(name) is "datum" or "impressionen" or "reichweite" or "beitrags-id" or "kommentare" or "veröffentlichungszeitpunkt");
}
