namespace Bot.Metrics;

/// <summary>The figures the platforms report. Stored as text in the database, so a new kind needs no migration.</summary>
public enum MetricKind
{
    Followers,
    Impressions,
    Reach,
    Reactions,
    Comments,
    Shares,
    Clicks,
    VideoViews,
}

/// <summary>
/// One figure of one social channel for one day, as read from the platform (API push or CSV import). The natural key is
/// (social channel, date, metric): reading the same day again replaces the value, so imports are idempotent.
/// </summary>
public sealed class SocialChannelDailyMetric
{
    public long Id { get; init; }
    public required string TeamId { get; init; }
    public int SocialChannelId { get; init; }
    public DateOnly Date { get; init; }
    public MetricKind Metric { get; init; }
    public long Value { get; set; }

    /// <summary>Where the figure came from, e.g. <c>api</c>, <c>csv:meta</c>, <c>csv:linkedin</c>.</summary>
    public required string Source { get; set; }

    public DateTimeOffset ReadAt { get; set; }
}

/// <summary>
/// One figure of one published post, cumulative at the time it was read. Keyed by the post's public URL (what the
/// platform exports know), matched to the bot's post through the live URL of a published variant.
/// </summary>
public sealed class PostMetric
{
    public long Id { get; init; }
    public required string TeamId { get; init; }

    /// <summary>Normalised with <see cref="PostUrls.Normalise"/>.</summary>
    public required string PostUrl { get; init; }

    public DateOnly Date { get; init; }
    public MetricKind Metric { get; init; }
    public long Value { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset ReadAt { get; set; }
}

/// <summary>
/// A team's key for <c>POST /api/metrics</c>. Only a SHA-256 hash is stored; the key itself is shown once, in the
/// chat where a coordinator created it. The prefix identifies a key in lists without revealing it.
/// </summary>
public sealed class MetricsApiKey
{
    public Guid Id { get; init; }
    public required string TeamId { get; init; }
    public required string Prefix { get; init; }
    public required string KeyHash { get; init; }
    public string? Label { get; set; }
    public required string CreatedByAadObjectId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedByAadObjectId { get; set; }

    public bool IsActive => RevokedAt is null;
}

/// <summary>The one definition of engagement rate the bot uses everywhere (docs/metrics-api.md: "Engagement rate").</summary>
public static class EngagementRate
{
    /// <summary>
    /// (reactions + comments + shares + clicks) / impressions; <c>null</c> when there were no impressions, because a
    /// rate of 0 % would claim a failure that did not happen.
    /// </summary>
    public static double? Of(long impressions, long reactions, long comments, long shares, long clicks) =>
        impressions <= 0 ? null : (double)(reactions + comments + shares + clicks) / impressions;

    public static long Engagements(long reactions, long comments, long shares, long clicks) => reactions + comments + shares + clicks;
}

public static class PostUrls
{
    /// <summary>
    /// The same post appears as <c>https://www.instagram.com/p/abc/</c> and <c>http://instagram.com/p/abc?utm=x</c>:
    /// the match ignores scheme, a leading <c>www.</c>, the query, the fragment, a trailing slash and case of the host.
    /// </summary>
    public static string Normalise(string url)
    {
        var trimmed = url.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return trimmed;
        }

        var host = uri.Host.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host[4..];
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        return $"{host}{path}";
    }
}
