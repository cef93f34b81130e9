using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Bot.Staffing;

namespace Bot.Posts;

/// <summary>How a platform counts the length of a text; it differs more than people expect.</summary>
public enum LengthCounting
{
    /// <summary>Characters as people perceive them (grapheme clusters): an emoji with skin tone is one.</summary>
    Graphemes,

    /// <summary>
    /// X's weighted count (twitter-text config v3): code points in Latin and a few punctuation ranges weigh 1, every
    /// other code point 2, and an emoji (even a joined sequence) weighs 2 as a whole.
    /// </summary>
    XWeighted,

    /// <summary>Graphemes, except that an emoji counts as its UTF-8 bytes, as Threads documents for its API.</summary>
    GraphemesWithEmojiAsUtf8Bytes,

    /// <summary>UTF-8 bytes: YouTube states its description limit in bytes, so umlauts count twice.</summary>
    Utf8Bytes,
}

/// <summary>
/// One row of <see cref="PlatformTextLimits"/>. A null limit means the platform publishes none we rely on.
/// Over-length is always blocking (the platform refuses the post); hashtag and link limits say themselves.
/// </summary>
public sealed record PlatformTextLimit(
    Platform Platform,
    int? MaxLength,
    LengthCounting Counting = LengthCounting.Graphemes,
    int? UrlLength = null,
    int? MaxHashtags = null,
    bool HashtagLimitBlocks = false,
    int? MaxLinks = null,
    bool LinkLimitBlocks = false,
    bool LinksClickable = true,
    bool RefusesAngleBrackets = false);

/// <summary>
/// The one table of platform text rules, checked before a draft goes to review.
/// </summary>
/// <remarks>
/// The numbers are the platforms' published limits as of late 2026; when a platform changes one, change it here and
/// in the test that pins the table:
/// X 280 weighted characters, URLs 23 (developer docs "Counting characters"; twitter-text config v3; paid accounts
/// may post more, which a per-social-channel override will have to express);
/// Bluesky 300 graphemes (app.bsky.feed.post lexicon);
/// Threads 500 characters with emoji counted as UTF-8 bytes and at most 5 links (Threads API "Posts" and "Text
/// attachments"; more links fail with THREADS_API__LINK_LIMIT_EXCEEDED), one topic tag per post;
/// Mastodon 500 graphemes with every URL counted as 23 (the default of StatusLengthValidator; instances may differ);
/// Instagram caption 2,200 characters and at most 5 hashtags (Instagram lowered the cap from 30 to 5 in December 2025;
/// links in captions are not clickable);
/// TikTok caption 2,200 (links not clickable);
/// LinkedIn post commentary 3,000;
/// YouTube description 5,000 bytes without &lt; or &gt; (YouTube Data API, videos resource);
/// Facebook post 63,206.
/// Xing, Pinterest, the blog and others have no row limit here: only the empty-text check applies to them.
/// </remarks>
public static class PlatformTextLimits
{
    public static IReadOnlyList<PlatformTextLimit> All { get; } =
    [
        new(Platform.X, 280, LengthCounting.XWeighted, UrlLength: 23),
        new(Platform.Bluesky, 300),
        new(Platform.Threads, 500, LengthCounting.GraphemesWithEmojiAsUtf8Bytes, MaxHashtags: 1, MaxLinks: 5, LinkLimitBlocks: true),
        new(Platform.Mastodon, 500, UrlLength: 23),
        new(Platform.Instagram, 2_200, MaxHashtags: 5, HashtagLimitBlocks: true, LinksClickable: false),
        new(Platform.TikTok, 2_200, LinksClickable: false),
        new(Platform.LinkedIn, 3_000),
        new(Platform.YouTube, 5_000, LengthCounting.Utf8Bytes, RefusesAngleBrackets: true),
        new(Platform.Facebook, 63_206),
        new(Platform.Xing, null),
        new(Platform.Pinterest, null),
        new(Platform.Blog, null),
        new(Platform.Other, null),
    ];

    private static readonly Dictionary<Platform, PlatformTextLimit> ByPlatform = All.ToDictionary(limit => limit.Platform);

    public static PlatformTextLimit For(Platform platform) =>
        ByPlatform.TryGetValue(platform, out var limit) ? limit : new PlatformTextLimit(platform, null);

    /// <summary>The length of <paramref name="text"/> as <paramref name="platform"/> counts it, for "243 / 280" on a card.</summary>
    public static int Measure(Platform platform, string text) => Measure(For(platform), text);

    internal static int Measure(PlatformTextLimit limit, string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormC);
        var length = 0;
        var position = 0;
        foreach (Match link in TextPatterns.Links(normalized))
        {
            length += MeasurePlain(limit.Counting, normalized[position..link.Index]);
            length += limit.UrlLength ?? MeasurePlain(limit.Counting, link.Value);
            position = link.Index + link.Length;
        }

        return length + MeasurePlain(limit.Counting, normalized[position..]);
    }

    private static int MeasurePlain(LengthCounting counting, string text)
    {
        if (counting == LengthCounting.Utf8Bytes)
        {
            return Encoding.UTF8.GetByteCount(text);
        }

        var length = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            length += counting switch
            {
                LengthCounting.XWeighted => IsEmoji(element) ? 2 : XWeight(element),
                LengthCounting.GraphemesWithEmojiAsUtf8Bytes => IsEmoji(element) ? Encoding.UTF8.GetByteCount(element) : 1,
                _ => 1,
            };
        }

        return length;
    }

    // Outside emoji twitter-text weighs code points, not graphemes: a CJK character is 2, and a letter with a combining
    // mark that NFC cannot compose counts once per code point.
    private static int XWeight(string element)
    {
        var weight = 0;
        foreach (var rune in element.EnumerateRunes())
        {
            weight += rune.Value is <= 4351 or (>= 8192 and <= 8205) or (>= 8208 and <= 8223) or (>= 8242 and <= 8247) ? 1 : 2;
        }

        return weight;
    }

    // Close enough to the Unicode emoji property for counting: the pictographic blocks, plus anything turned into an
    // emoji by the variation selector or the keycap mark (©️, 1️⃣).
    internal static bool IsEmoji(string element)
    {
        foreach (var rune in element.EnumerateRunes())
        {
            if (rune.Value is (>= 0x1F000 and <= 0x1FAFF) or (>= 0x2600 and <= 0x27BF) or (>= 0x2B00 and <= 0x2BFF) or 0xFE0F or 0x20E3)
            {
                return true;
            }
        }

        return false;
    }
}
