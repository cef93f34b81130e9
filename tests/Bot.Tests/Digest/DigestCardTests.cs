using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Bot.Digest;
using Bot.Localization;
using Bot.Protocol.Schema;
using Bot.Staffing;

namespace Bot.Tests.Digest;

public sealed class DigestCardTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de");
    private static readonly DateOnly Wednesday = new(2026, 12, 9);

    [Fact]
    public void Sections_appear_in_their_order_with_arrows_percentages_and_the_owner_mentioned()
    {
        using var language = BotLanguage.Use(English);
        var card = Json(DigestCard.Create(Digest(channels: 3, waiting: 2), "https://bot.example/downloads/digest-chart/token"));

        var headings = Enum.GetValues<DigestSection>().Where(s => s != DigestSection.WeekAhead).Select(s => DigestCard.Heading(s)).ToList();
        var positions = headings.Select(h => card.IndexOf(h, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("1,500 impressions ↑ 50%", card, StringComparison.Ordinal);
        Assert.Contains("engagement rate 6.0% ↓ 1.0 pp", card, StringComparison.Ordinal);
        Assert.Contains("no rate (no impressions)", card, StringComparison.Ordinal);
        Assert.Contains("<at>Ben Wagner</at>", card, StringComparison.Ordinal);
        Assert.Contains("\"mentioned\":{\"id\":\"29:ben\",\"name\":\"Ben Wagner\"}", card, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"Image\",\"url\":\"https://bot.example/downloads/digest-chart/token\"", card, StringComparison.Ordinal);
        Assert.Contains("[Adventsgewinnspiel](https://instagram.com/p/abc)", card, StringComparison.Ordinal);
    }

    [Fact]
    public void The_german_card_speaks_german()
    {
        using var language = BotLanguage.Use(German);
        var card = Json(DigestCard.Create(Digest(channels: 3, waiting: 2), null));

        Assert.Contains("Morgenbericht", card, StringComparison.Ordinal);
        Assert.Contains("1.500 Impressionen ↑ 50", card, StringComparison.Ordinal);
        Assert.Contains("wartet auf Anna Schmidt", card, StringComparison.Ordinal);
        Assert.Contains("überfällig", card, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_metrics_the_card_says_how_to_feed_them_and_still_shows_the_workflow()
    {
        using var language = BotLanguage.Use(English);
        var digest = Digest(channels: 2, waiting: 1) with { HasMetrics = false, Sections = [DigestSection.Yesterday, DigestSection.WaitingForReview, DigestSection.GoingOutToday] };

        var card = Json(DigestCard.Create(digest, null));

        Assert.Contains("metrics key create", card, StringComparison.Ordinal);
        Assert.Contains("/api/metrics", card, StringComparison.Ordinal);
        Assert.Contains(Texts.DigestWaitingHeading, card, StringComparison.Ordinal);
        Assert.DoesNotContain(Texts.DigestChartHeading, card, StringComparison.Ordinal);
    }

    [Fact]
    public void Forty_social_channels_and_long_lists_stay_far_below_the_teams_message_limit()
    {
        using var language = BotLanguage.Use(German);
        var digest = Digest(channels: 40, waiting: 30);

        var card = Json(DigestCard.Create(digest, "https://bot.example/downloads/digest-chart/" + new string('x', 400)));

        // Teams counts UTF-16 characters; 28 KB is the strictest limit it has for cards.
        Assert.True(card.Length < 28 * 1024, $"{card.Length} characters");
        Assert.Contains(Texts.FormatDigestAndMore(40 - DigestCard.MaxSocialChannelLines), card, StringComparison.Ordinal);
        Assert.Contains(Texts.FormatDigestAndMore(30 - DigestCard.MaxListLines), card, StringComparison.Ordinal);
    }

    [Fact]
    public void The_chart_renders_a_png_of_the_expected_size()
    {
        using var language = BotLanguage.Use(English);
        var digest = Digest(channels: 10, waiting: 0);

        var png = EngagementChart.Render(digest.Chart, Texts.DigestChartTitle, BotLanguage.Current);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(EngagementChart.Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(EngagementChart.Height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));

        // Colour type 6 is RGBA: the background is transparent, so the chart sits on Teams' light or dark theme.
        Assert.Equal(6, png[25]);
    }

    private static string Json(Protocol.AdaptiveCards.AdaptiveCard card) => JsonSerializer.Serialize(card, ProtocolJson.Options) is var json
        ? JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
        : string.Empty;

    private static EngagementDigest Digest(int channels, int waiting)
    {
        var ben = new DigestPerson("aad-ben", "Ben Wagner", "29:ben");
        var anna = new DigestPerson("aad-anna", "Anna Schmidt", "29:anna");
        var figures = new FigureSet(2, 1500, 90, 0.06, 0.5, 0.8, -0.01);
        return new EngagementDigest(
            "team",
            "Europe/Berlin",
            Wednesday,
            Wednesday.AddDays(-1),
            Wednesday.AddDays(-1),
            HasMetrics: true,
            [.. Enum.GetValues<DigestSection>().Where(s => s != DigestSection.WeekAhead)],
            figures,
            [
                .. Enumerable.Range(1, channels).Select(i => new SocialChannelFigures(
                    i,
                    $"Instagram @brand_{i:00}",
                    Platform.Instagram,
                    i == 2 ? new FigureSet(0, 0, 3, null, null, null, null) : figures)),
            ],
            new PostPerformance(Guid.NewGuid(), "Adventsgewinnspiel", "Instagram @brand_01", "https://instagram.com/p/abc", 800, 80, 0.1),
            new PostPerformance(Guid.NewGuid(), "Produkttest", "Instagram @brand_01", "https://instagram.com/p/def", 1000, 20, 0.02),
            [.. Enumerable.Range(1, Math.Min(channels, 20)).Select(i => new CadenceProgress(i, $"Instagram @brand_{i:00}", 3, 0, 1, ben))],
            [.. Enumerable.Range(1, waiting).Select(i => new WaitingPost(Guid.NewGuid(), $"Beitrag Nummer {i} mit einem längeren Arbeitstitel", ben, [anna], new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero), i % 2 == 1))],
            [.. Enumerable.Range(1, waiting).Select(i => new GoingOut(Guid.NewGuid(), $"Heute {i}", new TimeOnly(14, 30), ["Instagram @brand_01", "LinkedIn contoso"], i % 3 != 0))],
            null,
            [],
            [.. Enumerable.Range(1, Math.Min(channels, DigestComposer.MaxChartSeries)).Select(i => new ChartSeries($"Instagram @brand_{i:00}", [.. Enumerable.Range(0, 14).Select(d => (Wednesday.AddDays(d - 14), d == 3 ? (long?)null : 40L + (i * 7) + (d * 3 % 11)))]))]);
    }
}
