using Bot.Staffing;

namespace Bot.Posts;

public enum PlatformCheck
{
    EmptyText,
    TooLong,
    TooManyHashtags,
    TooManyLinks,
    LinksNotClickable,
    AngleBrackets,
}

public enum PlatformWarningSeverity
{
    /// <summary>Shown on the draft card; the post can still go to review.</summary>
    Warning,

    /// <summary>The platform would refuse the post, so it cannot go to review like this.</summary>
    Blocking,
}

/// <summary>
/// One finding for one variant. <paramref name="Actual"/> and <paramref name="Limit"/> are in the check's unit
/// (characters as the platform counts them, hashtags, links) so the chat layer can word "312 of 280 characters".
/// </summary>
public sealed record PlatformWarning(
    int SocialChannelId,
    Platform Platform,
    PlatformCheck Check,
    PlatformWarningSeverity Severity,
    int Actual,
    int Limit)
{
    public bool IsBlocking => Severity == PlatformWarningSeverity.Blocking;
}

/// <summary>The pre-review checks of a variant against <see cref="PlatformTextLimits"/>.</summary>
public static class PlatformChecks
{
    public static IReadOnlyList<PlatformWarning> Check(PostVariant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        return Check(variant.SocialChannelId, variant.Platform, variant.Text);
    }

    public static IReadOnlyList<PlatformWarning> Check(IEnumerable<PostVariant> variants) => variants.SelectMany(Check).ToList();

    internal static IReadOnlyList<PlatformWarning> Check(int socialChannelId, Platform platform, string text)
    {
        var limit = PlatformTextLimits.For(platform);
        var warnings = new List<PlatformWarning>();
        void Add(PlatformCheck check, bool blocking, int actual, int max) => warnings.Add(
            new(socialChannelId, platform, check, blocking ? PlatformWarningSeverity.Blocking : PlatformWarningSeverity.Warning, actual, max));

        // Media-only posts exist on some platforms, but an empty variant in a review is a forgotten text, not a choice.
        if (string.IsNullOrWhiteSpace(text))
        {
            Add(PlatformCheck.EmptyText, blocking: true, 0, 1);
            return warnings;
        }

        if (limit.MaxLength is { } maxLength && PlatformTextLimits.Measure(limit, text) is var length && length > maxLength)
        {
            Add(PlatformCheck.TooLong, blocking: true, length, maxLength);
        }

        if (limit.MaxHashtags is { } maxHashtags && TextPatterns.CountHashtags(text) is var hashtags && hashtags > maxHashtags)
        {
            Add(PlatformCheck.TooManyHashtags, limit.HashtagLimitBlocks, hashtags, maxHashtags);
        }

        var links = TextPatterns.CountDistinctLinks(text);
        if (limit.MaxLinks is { } maxLinks && links > maxLinks)
        {
            Add(PlatformCheck.TooManyLinks, limit.LinkLimitBlocks, links, maxLinks);
        }

        if (!limit.LinksClickable && links > 0)
        {
            Add(PlatformCheck.LinksNotClickable, blocking: false, links, 0);
        }

        if (limit.RefusesAngleBrackets && text.AsSpan().IndexOfAny('<', '>') >= 0)
        {
            Add(PlatformCheck.AngleBrackets, blocking: true, text.Count(c => c is '<' or '>'), 0);
        }

        return warnings;
    }
}
