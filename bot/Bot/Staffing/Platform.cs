using Bot.Localization;

namespace Bot.Staffing;

public enum Platform
{
    Facebook,
    Instagram,
    X,
    LinkedIn,
    Xing,
    YouTube,
    TikTok,
    Threads,
    Bluesky,
    Mastodon,
    Pinterest,
    Blog,
    Other,
}

/// <summary>How people write platform names in chat ("insta", "Twitter", "yt"), mapped to <see cref="Platform"/> in one place.</summary>
public static class PlatformNames
{
    private static readonly Dictionary<string, Platform> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["facebook"] = Platform.Facebook,
        ["fb"] = Platform.Facebook,
        ["instagram"] = Platform.Instagram,
        ["insta"] = Platform.Instagram,
        ["ig"] = Platform.Instagram,
        ["x"] = Platform.X,
        ["twitter"] = Platform.X,
        ["linkedin"] = Platform.LinkedIn,
        ["li"] = Platform.LinkedIn,
        ["xing"] = Platform.Xing,
        ["youtube"] = Platform.YouTube,
        ["yt"] = Platform.YouTube,
        ["tiktok"] = Platform.TikTok,
        ["threads"] = Platform.Threads,
        ["bluesky"] = Platform.Bluesky,
        ["bsky"] = Platform.Bluesky,
        ["mastodon"] = Platform.Mastodon,
        ["pinterest"] = Platform.Pinterest,
        ["blog"] = Platform.Blog,
        ["other"] = Platform.Other,
        ["sonstige"] = Platform.Other,
    };

    public static bool TryParse(string text, out Platform platform) => Aliases.TryGetValue(text.Trim(), out platform);

    public static string Display(Platform platform) => platform switch
    {
        Platform.LinkedIn => "LinkedIn",
        Platform.YouTube => "YouTube",
        Platform.TikTok => "TikTok",
        // The only platform without a product name; its word is the reader's ("Sonstige"), and still parses back.
        Platform.Other => Texts.PlatformOther,
        _ => platform.ToString(),
    };

    public static IEnumerable<string> KnownNames => Enum.GetValues<Platform>().Select(Display);
}
