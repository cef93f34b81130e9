using System.Text.RegularExpressions;

namespace Bot.Posts;

/// <summary>Links and hashtags as the platforms find them in a text, closely enough for pre-review checks.</summary>
internal static partial class TextPatterns
{
    // A link starts with a scheme or "www." and never ends on punctuation, so "see https://contoso.de/sale." links
    // without the full stop. Bare domains ("contoso.de") are left alone: platforms disagree on them.
    [GeneratedRegex("""(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?)\]'"»“”’]""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    // A hashtag needs a letter (#1 is not a tag anywhere) and must not be glued to a word ("page#top").
    [GeneratedRegex(@"(?<![\p{L}\p{N}_#&/])#(?=[\p{L}\p{N}_]*\p{L})[\p{L}\p{N}_]+", RegexOptions.CultureInvariant)]
    private static partial Regex HashtagPattern();

    public static MatchCollection Links(string text) => LinkPattern().Matches(text);

    public static int CountDistinctLinks(string text) =>
        Links(text).Select(match => match.Value).Distinct(StringComparer.OrdinalIgnoreCase).Count();

    /// <summary>Hashtags outside links: a URL fragment (<c>…/page#top</c>) is not a tag.</summary>
    public static int CountHashtags(string text) => HashtagPattern().Count(LinkPattern().Replace(text, " "));
}
