using Bot.Staffing;

namespace Bot.Metrics.Csv;

public enum MetricsCsvLayout
{
    /// <summary><c>date,social_channel,metric,value</c> (optional <c>source</c>; <c>post_url</c> instead of <c>social_channel</c>).</summary>
    Generic,

    /// <summary>Meta Business Suite, Insights → Content → Export: one row per Facebook or Instagram post.</summary>
    MetaBusinessSuite,

    /// <summary>LinkedIn page analytics, Updates (or Followers) export saved as CSV: one row per day for the page.</summary>
    LinkedInPage,

    /// <summary>X (Twitter) analytics, the post (tweet) activity export: one row per post.</summary>
    XAnalytics,
}

/// <summary>
/// One parser per export layout. Each knows its header in English and, where the export has one, German, which
/// column holds the post's URL or the day, and which columns are which <see cref="MetricKind"/>. Columns the bot does
/// not store (engagement rate, saves, profile visits …) are ignored, so a new column in an export breaks nothing.
/// </summary>
internal abstract class MetricsCsvLayoutParser
{
    public static IReadOnlyList<MetricsCsvLayoutParser> All { get; } = [new GenericLayout(), new MetaLayout(), new LinkedInLayout(), new XLayout()];

    public abstract MetricsCsvLayout Layout { get; }

    /// <summary>For layouts about one page or account without naming it: the platform whose social channel the rows are about.</summary>
    public virtual Platform? ImpliedPlatform => null;

    public abstract bool Matches(HeaderIndex header);

    /// <summary>The figures of one record; problems are added to <paramref name="errors"/> with the record's line.</summary>
    public abstract IEnumerable<MetricInput> Rows(HeaderIndex header, CsvRecord record, NumberStyle style, string? socialChannel, List<MetricRowError> errors);

    /// <summary>Every metric column the record has a figure in, as rows about one target and day.</summary>
    protected static IEnumerable<MetricInput> Figures(
        HeaderIndex header, CsvRecord record, NumberStyle style, IReadOnlyList<(MetricKind Metric, string[] Columns)> columns,
        string? socialChannel, string? postUrl, DateOnly? date, string source, List<MetricRowError> errors)
    {
        var rows = new List<MetricInput>();
        foreach (var (metric, names) in columns)
        {
            if (header.First(names) is not { } column || column >= record.Fields.Count || MetricsCsvValues.IsBlank(record.Fields[column]))
            {
                continue;
            }

            var cell = record.Fields[column];
            if (!MetricsCsvValues.TryParseCount(cell, style, out var value))
            {
                errors.Add(new MetricRowError(record.Line, MetricProblem.InvalidValue, Shorten(cell)));
                return [];
            }

            rows.Add(new MetricInput(record.Line, null, socialChannel, postUrl, date, metric, value, source));
        }

        return rows;
    }

    protected static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "…";
}

/// <summary>The header's column names, compared without case, surrounding spaces or quotes.</summary>
internal sealed class HeaderIndex(IReadOnlyList<string> names)
{
    private readonly Dictionary<string, int> _columns = names
        .Select((name, index) => (name: Normalise(name), index))
        .GroupBy(c => c.name)
        .ToDictionary(g => g.Key, g => g.First().index);

    public int Count => names.Count;

    public bool Has(params string[] candidates) => First(candidates) is not null;

    public int? First(params string[] candidates) =>
        candidates.Select(c => _columns.TryGetValue(Normalise(c), out var index) ? index : (int?)null).FirstOrDefault(i => i is not null);

    public static string Normalise(string name) => name.Trim().Trim('"').Trim().ToLowerInvariant();
}

internal sealed class GenericLayout : MetricsCsvLayoutParser
{
    public override MetricsCsvLayout Layout => MetricsCsvLayout.Generic;

    public override bool Matches(HeaderIndex header) => header.Has("date") && header.Has("metric") && header.Has("value") && header.Has("social_channel", "post_url");

    public override IEnumerable<MetricInput> Rows(HeaderIndex header, CsvRecord record, NumberStyle style, string? socialChannel, List<MetricRowError> errors)
    {
        string? Cell(string name) => header.First(name) is { } i && i < record.Fields.Count && record.Fields[i].Length > 0 ? record.Fields[i] : null;

        if (Cell("date") is not { } dateText)
        {
            errors.Add(new(record.Line, MetricProblem.MissingDate));
            return [];
        }

        if (!MetricsCsvValues.TryParseDate(dateText, out var date))
        {
            errors.Add(new(record.Line, MetricProblem.InvalidDate, Shorten(dateText)));
            return [];
        }

        if (Cell("metric") is not { } metricText)
        {
            errors.Add(new(record.Line, MetricProblem.MissingMetric));
            return [];
        }

        if (!MetricNames.TryParse(metricText, out var metric))
        {
            errors.Add(new(record.Line, MetricProblem.UnknownMetric, Shorten(metricText)));
            return [];
        }

        if (Cell("value") is not { } valueText)
        {
            errors.Add(new(record.Line, MetricProblem.MissingValue));
            return [];
        }

        if (!MetricsCsvValues.TryParseCount(valueText, style, out var value))
        {
            errors.Add(new(record.Line, MetricProblem.InvalidValue, Shorten(valueText)));
            return [];
        }

        return [new MetricInput(record.Line, null, Cell("social_channel"), Cell("post_url"), date, metric, value, Cell("source") ?? "csv")];
    }
}

/// <summary>
/// Meta Business Suite's content export (Facebook: "Post ID, Page ID, Page name, Title, Description, …, Publish time,
/// Permalink, Post type, …, Date, Impressions, Reach, Reactions, comments and shares, Reactions, Comments, Shares,
/// Total clicks, …"; Instagram: "…, Account username, …, Permalink, Post type, …, Date, Impressions, Reach, Likes,
/// Shares, Follows, Comments, Saves"). "Date" is "Lifetime" for lifetime figures: those are stored on the day of
/// reading. Since 2025 Meta calls impressions "Views"; both are read. German exports name the columns in German.
/// </summary>
internal sealed class MetaLayout : MetricsCsvLayoutParser
{
    private static readonly string[] Permalink = ["Permalink", "Permalink-URL"];
    private static readonly string[] Date = ["Date", "Datum"];

    private static readonly (MetricKind, string[])[] Columns =
    [
        (MetricKind.Impressions, ["Impressions", "Impressionen", "Views", "Aufrufe"]),
        (MetricKind.Reach, ["Reach", "Reichweite"]),
        (MetricKind.Reactions, ["Reactions", "Reaktionen", "Likes", "\"Gefällt mir\"-Angaben", "Gefällt mir-Angaben", "Gefällt mir"]),
        (MetricKind.Comments, ["Comments", "Kommentare"]),
        (MetricKind.Shares, ["Shares", "Geteilte Inhalte", "Mal geteilt"]),
        (MetricKind.Clicks, ["Total clicks", "Klicks insgesamt", "Link clicks", "Link-Klicks"]),
    ];

    public override MetricsCsvLayout Layout => MetricsCsvLayout.MetaBusinessSuite;

    public override bool Matches(HeaderIndex header) =>
        header.Has(Permalink) && header.Has("Post ID", "Beitrags-ID") && header.Has("Publish time", "Veröffentlichungszeitpunkt", "Veröffentlichungszeit");

    public override IEnumerable<MetricInput> Rows(HeaderIndex header, CsvRecord record, NumberStyle style, string? socialChannel, List<MetricRowError> errors)
    {
        var url = header.First(Permalink) is { } u && u < record.Fields.Count ? record.Fields[u] : string.Empty;
        if (url.Length == 0)
        {
            errors.Add(new(record.Line, MetricProblem.NoTarget));
            return [];
        }

        DateOnly? date = null;
        var dateText = header.First(Date) is { } d && d < record.Fields.Count ? record.Fields[d] : string.Empty;
        if (!MetricsCsvValues.IsBlank(dateText) && dateText is not ("Lifetime" or "Gesamte Laufzeit" or "Gesamtzeitraum" or "Lebensdauer"))
        {
            if (!MetricsCsvValues.TryParseDate(dateText, out var parsed))
            {
                errors.Add(new(record.Line, MetricProblem.InvalidDate, Shorten(dateText)));
                return [];
            }

            date = parsed;
        }

        return Figures(header, record, style, Columns, null, url, date, "csv:meta", errors);
    }
}

/// <summary>
/// LinkedIn page analytics: the Updates export ("Date, Impressions (organic), Impressions (sponsored), Impressions
/// (total), Unique impressions (organic), Clicks (organic), …, Clicks (total), Reactions (…), Comments (…), Reposts
/// (…), Engagement rate (…)") and the Followers export ("Date, Sponsored followers, Organic followers, Auto-invited
/// followers, Total followers"), both with US dates. The files do not name the page, so the rows belong to the team's
/// LinkedIn page (or the one named on import).
/// </summary>
internal sealed class LinkedInLayout : MetricsCsvLayoutParser
{
    private static readonly (MetricKind, string[])[] Columns =
    [
        (MetricKind.Impressions, ["Impressions (total)", "Impressions"]),
        (MetricKind.Reach, ["Unique impressions (organic)", "Unique impressions (total)"]),
        (MetricKind.Clicks, ["Clicks (total)", "Clicks"]),
        (MetricKind.Reactions, ["Reactions (total)", "Reactions"]),
        (MetricKind.Comments, ["Comments (total)", "Comments"]),
        (MetricKind.Shares, ["Reposts (total)", "Reposts", "Shares (total)", "Shares"]),
        (MetricKind.Followers, ["Total followers"]),
    ];

    public override MetricsCsvLayout Layout => MetricsCsvLayout.LinkedInPage;

    public override Platform? ImpliedPlatform => Platform.LinkedIn;

    public override bool Matches(HeaderIndex header) =>
        header.Has("Date") && (header.Has("Impressions (organic)", "Reposts (organic)", "Clicks (organic)") || header.Has("Total followers"));

    public override IEnumerable<MetricInput> Rows(HeaderIndex header, CsvRecord record, NumberStyle style, string? socialChannel, List<MetricRowError> errors)
    {
        var dateText = header.First("Date") is { } d && d < record.Fields.Count ? record.Fields[d] : string.Empty;
        if (dateText.Length == 0)
        {
            errors.Add(new(record.Line, MetricProblem.MissingDate));
            return [];
        }

        if (!MetricsCsvValues.TryParseDate(dateText, out var date))
        {
            errors.Add(new(record.Line, MetricProblem.InvalidDate, Shorten(dateText)));
            return [];
        }

        return Figures(header, record, style, Columns, socialChannel, null, date, "csv:linkedin", errors);
    }
}

/// <summary>
/// X analytics, the post activity export: the classic "Tweet id, Tweet permalink, Tweet text, time, impressions,
/// engagements, engagement rate, retweets, replies, likes, user profile clicks, url clicks, …" and the 2024 content
/// export "Post id, Date, Post text, Post Link, Impressions, Likes, Engagements, Bookmarks, Shares, New follows,
/// Replies, Reposts, Profile visits, Detail Expands, URL Clicks, …". Figures are lifetime totals, stored on the day of
/// reading.
/// </summary>
internal sealed class XLayout : MetricsCsvLayoutParser
{
    private static readonly string[] Link = ["Tweet permalink", "Post Link", "Post permalink"];

    private static readonly (MetricKind, string[])[] Columns =
    [
        (MetricKind.Impressions, ["impressions"]),
        (MetricKind.Reactions, ["likes"]),
        (MetricKind.Comments, ["replies"]),
        (MetricKind.Shares, ["retweets", "reposts"]),
        (MetricKind.Clicks, ["url clicks"]),
    ];

    public override MetricsCsvLayout Layout => MetricsCsvLayout.XAnalytics;

    public override bool Matches(HeaderIndex header) => header.Has(Link) && header.Has("impressions");

    public override IEnumerable<MetricInput> Rows(HeaderIndex header, CsvRecord record, NumberStyle style, string? socialChannel, List<MetricRowError> errors)
    {
        var url = header.First(Link) is { } u && u < record.Fields.Count ? record.Fields[u] : string.Empty;
        if (url.Length == 0)
        {
            errors.Add(new(record.Line, MetricProblem.NoTarget));
            return [];
        }

        return Figures(header, record, style, Columns, null, url, null, "csv:x", errors);
    }
}
