using Bot.Posts;
using Bot.Staffing;

namespace Bot.Tests.Posts;

public sealed class PlatformChecksTests
{
    // A family emoji: five code points joined by zero-width joiners, eight UTF-16 units, 18 UTF-8 bytes, one character
    // as a person sees it.
    private const string Family = "👩‍👩‍👧";

    [Theory]
    [InlineData(Platform.X, 280)]
    [InlineData(Platform.Bluesky, 300)]
    [InlineData(Platform.Threads, 500)]
    [InlineData(Platform.Mastodon, 500)]
    [InlineData(Platform.Instagram, 2_200)]
    [InlineData(Platform.TikTok, 2_200)]
    [InlineData(Platform.LinkedIn, 3_000)]
    [InlineData(Platform.YouTube, 5_000)]
    [InlineData(Platform.Facebook, 63_206)]
    public void The_table_holds_the_published_length_limits(Platform platform, int limit)
    {
        Assert.Equal(limit, PlatformTextLimits.For(platform).MaxLength);
    }

    [Fact]
    public void Every_platform_has_exactly_one_row()
    {
        Assert.Equal(Enum.GetValues<Platform>().Order(), PlatformTextLimits.All.Select(row => row.Platform).Order());
    }

    [Theory]
    [InlineData(Platform.X)]
    [InlineData(Platform.Bluesky)]
    [InlineData(Platform.Threads)]
    [InlineData(Platform.Mastodon)]
    [InlineData(Platform.Instagram)]
    [InlineData(Platform.TikTok)]
    [InlineData(Platform.LinkedIn)]
    [InlineData(Platform.YouTube)]
    [InlineData(Platform.Facebook)]
    public void A_text_at_the_limit_passes_and_one_more_character_blocks(Platform platform)
    {
        var limit = PlatformTextLimits.For(platform).MaxLength!.Value;

        Assert.Empty(Check(platform, new string('a', limit)));

        var warning = Assert.Single(Check(platform, new string('a', limit + 1)));
        Assert.Equal(new PlatformWarning(7, platform, PlatformCheck.TooLong, PlatformWarningSeverity.Blocking, limit + 1, limit), warning);
    }

    [Theory]
    [InlineData(Platform.Bluesky)]
    [InlineData(Platform.Mastodon)]
    [InlineData(Platform.Instagram)]
    [InlineData(Platform.LinkedIn)]
    public void An_emoji_counts_as_one_character_where_platforms_count_graphemes(Platform platform)
    {
        var limit = PlatformTextLimits.For(platform).MaxLength!.Value;

        Assert.Equal(1, PlatformTextLimits.Measure(platform, Family));
        Assert.Equal(3, PlatformTextLimits.Measure(platform, "a👍🏽b"));
        Assert.Empty(Check(platform, string.Concat(Enumerable.Repeat(Family, limit))));
        Assert.Contains(Check(platform, string.Concat(Enumerable.Repeat(Family, limit + 1))), w => w.Check == PlatformCheck.TooLong);
    }

    [Fact]
    public void A_letter_with_a_combining_accent_is_one_character()
    {
        Assert.Equal(4, PlatformTextLimits.Measure(Platform.Bluesky, "Cafe\u0301"));
        Assert.Equal(4, PlatformTextLimits.Measure(Platform.X, "Cafe\u0301"));
    }

    [Fact]
    public void X_weighs_an_emoji_as_two_characters_as_twitter_text_does()
    {
        Assert.Equal(2, PlatformTextLimits.Measure(Platform.X, Family));
        Assert.Equal(280, PlatformTextLimits.Measure(Platform.X, new string('a', 278) + "😀"));

        Assert.Empty(Check(Platform.X, new string('a', 278) + "😀"));
        Assert.Contains(Check(Platform.X, new string('a', 279) + "😀"), w => w is { Check: PlatformCheck.TooLong, Actual: 281 });
    }

    [Fact]
    public void X_weighs_cjk_as_two_and_german_letters_as_one()
    {
        Assert.Equal(4, PlatformTextLimits.Measure(Platform.X, "日本"));
        Assert.Equal(5, PlatformTextLimits.Measure(Platform.X, "Grüße"));
    }

    [Fact]
    public void X_counts_every_url_as_23_characters_however_long_it_is()
    {
        var url = "https://www.contoso.de/aktionen/fruehling-2027/alle-angebote-im-ueberblick?utm_source=x&utm_medium=social";
        Assert.True(url.Length > 23);

        Assert.Equal(23, PlatformTextLimits.Measure(Platform.X, url));
        Assert.Equal(23, PlatformTextLimits.Measure(Platform.X, "https://t.co"));
        Assert.Equal(280, PlatformTextLimits.Measure(Platform.X, new string('a', 256) + " " + url));
        Assert.Empty(Check(Platform.X, new string('a', 256) + " " + url));
        Assert.Contains(Check(Platform.X, new string('a', 257) + " " + url), w => w is { Check: PlatformCheck.TooLong, Actual: 281 });
    }

    [Fact]
    public void A_full_stop_after_a_url_is_not_part_of_the_url()
    {
        Assert.Equal(23 + 1, PlatformTextLimits.Measure(Platform.X, "https://contoso.de/sale."));
        Assert.Equal(4 + 23, PlatformTextLimits.Measure(Platform.X, "see www.contoso.de/sale"));
    }

    [Fact]
    public void Mastodon_counts_urls_as_23_characters_too_but_bluesky_counts_them_in_full()
    {
        var url = "https://social.contoso.de/@team/113456789012345678";

        Assert.Equal(23, PlatformTextLimits.Measure(Platform.Mastodon, url));
        Assert.Equal(url.Length, PlatformTextLimits.Measure(Platform.Bluesky, url));
    }

    [Fact]
    public void Threads_counts_an_emoji_as_its_utf8_bytes()
    {
        Assert.Equal(18, PlatformTextLimits.Measure(Platform.Threads, Family));
        Assert.Empty(Check(Platform.Threads, string.Concat(Enumerable.Repeat("😀", 125))));
        Assert.Contains(Check(Platform.Threads, string.Concat(Enumerable.Repeat("😀", 126))), w => w is { Check: PlatformCheck.TooLong, Actual: 504 });
    }

    [Fact]
    public void YouTube_counts_bytes_so_umlauts_count_twice()
    {
        Assert.Empty(Check(Platform.YouTube, new string('ä', 2_500)));
        Assert.Contains(Check(Platform.YouTube, new string('ä', 2_501)), w => w is { Check: PlatformCheck.TooLong, Actual: 5_002, IsBlocking: true });
    }

    [Fact]
    public void YouTube_refuses_angle_brackets()
    {
        var warning = Assert.Single(Check(Platform.YouTube, "Neu: <b>Frühling</b>"));

        Assert.Equal(PlatformCheck.AngleBrackets, warning.Check);
        Assert.True(warning.IsBlocking);
        Assert.Empty(Check(Platform.Facebook, "Neu: <b>Frühling</b>"));
    }

    [Fact]
    public void Instagram_allows_five_hashtags_and_blocks_the_sixth()
    {
        Assert.Empty(Check(Platform.Instagram, "Frühling! #spring #sale #contoso #neu #angebot"));

        var warning = Assert.Single(Check(Platform.Instagram, "Frühling! #spring #sale #contoso #neu #angebot #rabatt"));
        Assert.Equal(new PlatformWarning(7, Platform.Instagram, PlatformCheck.TooManyHashtags, PlatformWarningSeverity.Blocking, 6, 5), warning);
    }

    [Theory]
    [InlineData("#Frühling #Grüße #2027aktion #ü", 4)]
    [InlineData("Nummer #1 ist kein Tag", 0)]
    [InlineData("Seite https://contoso.de/faq#versand ist kein Tag", 0)]
    [InlineData("page#top und C# sind keine Tags", 0)]
    public void Hashtags_are_counted_as_the_platforms_recognise_them(string text, int hashtags)
    {
        var warnings = Check(Platform.Threads, text);

        Assert.Equal(hashtags > 1 ? hashtags : (int?)null, warnings.SingleOrDefault(w => w.Check == PlatformCheck.TooManyHashtags)?.Actual);
    }

    [Fact]
    public void More_than_one_hashtag_on_threads_is_only_a_warning()
    {
        var warning = Assert.Single(Check(Platform.Threads, "#frühling #sale"));

        Assert.Equal(PlatformCheck.TooManyHashtags, warning.Check);
        Assert.Equal(PlatformWarningSeverity.Warning, warning.Severity);
    }

    [Fact]
    public void Threads_allows_five_distinct_links_and_blocks_the_sixth()
    {
        var five = string.Join(' ', Enumerable.Range(1, 5).Select(i => $"https://contoso.de/{i}")) + " https://contoso.de/1";

        Assert.Empty(Check(Platform.Threads, five));
        Assert.Contains(Check(Platform.Threads, five + " https://contoso.de/6"), w => w is { Check: PlatformCheck.TooManyLinks, Actual: 6, Limit: 5, IsBlocking: true });
    }

    [Theory]
    [InlineData(Platform.Instagram)]
    [InlineData(Platform.TikTok)]
    public void A_link_in_a_caption_that_will_not_be_clickable_is_a_warning(Platform platform)
    {
        var warning = Assert.Single(Check(platform, "Mehr unter https://contoso.de/fruehling"));

        Assert.Equal(PlatformCheck.LinksNotClickable, warning.Check);
        Assert.Equal(PlatformWarningSeverity.Warning, warning.Severity);
    }

    [Theory]
    [InlineData(Platform.X, "")]
    [InlineData(Platform.Instagram, "   ")]
    [InlineData(Platform.Xing, "\n\t")]
    [InlineData(Platform.Blog, "")]
    public void An_empty_variant_blocks_on_every_platform(Platform platform, string text)
    {
        var warning = Assert.Single(Check(platform, text));

        Assert.Equal(PlatformCheck.EmptyText, warning.Check);
        Assert.True(warning.IsBlocking);
    }

    [Fact]
    public void A_platform_without_a_published_limit_takes_any_length()
    {
        Assert.Empty(Check(Platform.Xing, new string('a', 100_000)));
    }

    [Fact]
    public void Checking_a_variant_names_its_social_channel()
    {
        var warnings = PlatformChecks.Check([new PostVariant(3, Platform.X, new string('a', 281)), new PostVariant(4, Platform.Facebook, "ok")]);

        Assert.Equal(3, Assert.Single(warnings).SocialChannelId);
    }

    private static IReadOnlyList<PlatformWarning> Check(Platform platform, string text) => PlatformChecks.Check(new PostVariant(7, platform, text));
}
