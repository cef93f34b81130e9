namespace Bot.Metrics;

/// <summary>
/// One figure as it arrives (API row or CSV line), before it is checked against the team's data. Exactly one of
/// <see cref="SocialChannelId"/>, <see cref="SocialChannelName"/> and <see cref="PostUrl"/> says what it is about.
/// </summary>
/// <param name="Position">The row index in an API batch or the line number in a file, for error messages.</param>
/// <param name="Date">
/// The day of the figure; <c>null</c> for post figures read "lifetime" (the day of reading is used, as the figures are
/// cumulative at the time they were read).
/// </param>
public sealed record MetricInput(
    int Position,
    int? SocialChannelId,
    string? SocialChannelName,
    string? PostUrl,
    DateOnly? Date,
    MetricKind Metric,
    long Value,
    string? Source = null);

/// <summary>Why a row cannot be imported; the texts are in the resource files (<c>MetricProblem…</c>), so chat, CLI and API say the same.</summary>
public enum MetricProblem
{
    NotAnObject,
    WrongType,
    NoTarget,
    SeveralTargets,
    UnknownSocialChannel,
    AmbiguousSocialChannel,
    InvalidPostUrl,
    MissingDate,
    InvalidDate,
    DateInFuture,
    DateTooOld,
    MissingMetric,
    UnknownMetric,
    MissingValue,
    InvalidValue,
    ValueOutOfRange,
    InvalidSource,
    Duplicate,
    WrongColumnCount,
    UnknownLayout,
    EmptyFile,
    TooManyRows,
    UnterminatedQuote,
    NoSocialChannelForLayout,
}

/// <summary>A row that cannot be imported: where it was (row index or line number), why, and the offending text if short.</summary>
public sealed record MetricRowError(int Position, MetricProblem Problem, string? Detail = null);

/// <summary>What an import did: every figure is inserted, updated or unchanged; nothing is stored when any row is bad.</summary>
public sealed record MetricsImportReport(int Read, int Inserted, int Updated, int Unchanged, IReadOnlyList<MetricRowError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static MetricsImportReport Failed(int read, IReadOnlyList<MetricRowError> errors) => new(read, 0, 0, 0, errors);
}

/// <summary>The words people and exports use for each <see cref="MetricKind"/>, English and German, in one place.</summary>
public static class MetricNames
{
    private static readonly Dictionary<string, MetricKind> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["followers"] = MetricKind.Followers,
        ["follower"] = MetricKind.Followers,
        ["fans"] = MetricKind.Followers,
        ["abonnenten"] = MetricKind.Followers,
        ["impressions"] = MetricKind.Impressions,
        ["impressionen"] = MetricKind.Impressions,
        ["views"] = MetricKind.Impressions,
        ["reach"] = MetricKind.Reach,
        ["reichweite"] = MetricKind.Reach,
        ["reactions"] = MetricKind.Reactions,
        ["reaktionen"] = MetricKind.Reactions,
        ["likes"] = MetricKind.Reactions,
        ["comments"] = MetricKind.Comments,
        ["kommentare"] = MetricKind.Comments,
        ["replies"] = MetricKind.Comments,
        ["shares"] = MetricKind.Shares,
        ["reposts"] = MetricKind.Shares,
        ["geteilt"] = MetricKind.Shares,
        ["clicks"] = MetricKind.Clicks,
        ["klicks"] = MetricKind.Clicks,
        ["videoviews"] = MetricKind.VideoViews,
        ["video_views"] = MetricKind.VideoViews,
        ["video-views"] = MetricKind.VideoViews,
        ["videoaufrufe"] = MetricKind.VideoViews,
    };

    public static bool TryParse(string? text, out MetricKind metric)
    {
        metric = default;
        return text is not null && Words.TryGetValue(text.Trim(), out metric);
    }

    /// <summary>The name the API and the generic CSV layout use: <c>impressions</c>, <c>video_views</c>.</summary>
    public static string Name(MetricKind metric) => metric == MetricKind.VideoViews ? "video_views" : metric.ToString().ToLowerInvariant();

    public static string KnownNames => string.Join(", ", Enum.GetValues<MetricKind>().Select(Name));
}
