using System.Text;
using Bot.Metrics;
using Bot.Metrics.Csv;

namespace Bot.Tests.Metrics;

public sealed class MetricsCsvTests
{
    private static readonly string SampleFolder = Path.Combine(LocalizationTests.RepositoryRoot(), "docs", "metrics");

    [Theory]
    [InlineData("generic.csv", MetricsCsvLayout.Generic, 6, 6)]
    [InlineData("meta-business-suite.csv", MetricsCsvLayout.MetaBusinessSuite, 2, 12)]
    [InlineData("linkedin-page.csv", MetricsCsvLayout.LinkedInPage, 2, 12)]
    [InlineData("x-analytics.csv", MetricsCsvLayout.XAnalytics, 2, 10)]
    public void Each_sample_file_in_docs_is_recognised_and_parses_without_errors(string file, MetricsCsvLayout layout, int records, int figures)
    {
        var (found, batch, _) = MetricsCsvImport.Parse(File.ReadAllBytes(Path.Combine(SampleFolder, file)));

        Assert.Equal(layout, found);
        Assert.Empty(batch.Errors);
        Assert.Equal(records, batch.Read);
        Assert.Equal(figures, batch.Rows.Count);
    }

    [Fact]
    public void The_meta_sample_keeps_quoted_commas_and_line_breaks_in_one_cell_and_reads_thousands()
    {
        var (_, batch, _) = MetricsCsvImport.Parse(File.ReadAllBytes(Path.Combine(SampleFolder, "meta-business-suite.csv")));

        var first = batch.Rows.Where(r => r.Position == 2).ToDictionary(r => r.Metric, r => r.Value);
        Assert.Equal(12_480, first[MetricKind.Impressions]);
        Assert.Equal(1_204, first[MetricKind.Clicks]);
        Assert.All(batch.Rows, row => Assert.Null(row.Date)); // "Lifetime": stored on the day of reading
        // The second post's description spans lines 3 and 4; its figures carry the line the record starts on.
        var second = batch.Rows.Where(r => r.Position == 3).ToList();
        Assert.Equal(6, second.Count);
        Assert.Equal("https://www.facebook.com/contoso.de/posts/pfbid02Advent1?__cft__=abc", second[0].PostUrl);
    }

    [Fact]
    public void The_linkedin_sample_is_about_the_teams_linkedin_page_with_us_dates()
    {
        var (_, batch, platform) = MetricsCsvImport.Parse(File.ReadAllBytes(Path.Combine(SampleFolder, "linkedin-page.csv")));

        Assert.Equal(Staffing.Platform.LinkedIn, platform);
        Assert.All(batch.Rows, row => Assert.Equal("LinkedIn", row.SocialChannelName));
        Assert.Equal(new DateOnly(2026, 11, 30), batch.Rows[0].Date);
        Assert.Contains(batch.Rows, r => r is { Metric: MetricKind.Reach, Value: 951 } && r.Date == new DateOnly(2026, 12, 1));
    }

    [Fact]
    public void A_german_meta_export_with_semicolons_and_a_bom_reads_dotted_thousands()
    {
        const string csv = "\uFEFFBeitrags-ID;Seitenname;Veröffentlichungszeitpunkt;Permalink;Datum;Impressionen;Reichweite;Reaktionen;Kommentare;Geteilte Inhalte;Klicks insgesamt\r\n"
            + "1_2;Contoso;28.11.2026 09:30;https://www.facebook.com/contoso/posts/1;Gesamte Laufzeit;12.480;9.311;410;87;35;1.204\r\n";

        var (layout, batch, _) = MetricsCsvImport.Parse(Encoding.UTF8.GetBytes(csv));

        Assert.Equal(MetricsCsvLayout.MetaBusinessSuite, layout);
        Assert.Empty(batch.Errors);
        Assert.Equal(12_480, batch.Rows.Single(r => r.Metric == MetricKind.Impressions).Value);
        Assert.Equal(1_204, batch.Rows.Single(r => r.Metric == MetricKind.Clicks).Value);
    }

    [Fact]
    public void A_generic_file_with_semicolons_german_dates_and_crlf_parses()
    {
        var csv = "date;social_channel;metric;value\r\n01.12.2026;instagram @contoso_de;Impressionen;1.234\r\n\r\n02.12.2026;instagram @contoso_de;likes;\"56\"\r\n";

        var (layout, batch, _) = MetricsCsvImport.Parse(Encoding.UTF8.GetBytes(csv));

        Assert.Equal(MetricsCsvLayout.Generic, layout);
        Assert.Empty(batch.Errors);
        Assert.Equal(
            [(2, new DateOnly(2026, 12, 1), MetricKind.Impressions, 1234L), (4, new DateOnly(2026, 12, 2), MetricKind.Reactions, 56L)],
            batch.Rows.Select(r => (r.Position, r.Date!.Value, r.Metric, r.Value)));
    }

    [Fact]
    public void Bad_lines_are_reported_with_their_line_numbers()
    {
        var csv = "date,social_channel,metric,value\n2026-12-01,instagram,impressions,12\n2026-13-01,instagram,impressions,12\n2026-12-01,instagram,hugs,3\n2026-12-01,instagram,clicks,1.5\n2026-12-01,instagram,clicks\n";

        var (_, batch, _) = MetricsCsvImport.Parse(Encoding.UTF8.GetBytes(csv));

        Assert.Equal(
            [(3, MetricProblem.InvalidDate), (4, MetricProblem.UnknownMetric), (5, MetricProblem.InvalidValue), (6, MetricProblem.WrongColumnCount)],
            batch.Errors.Select(e => (e.Position, e.Problem)));
        Assert.Equal(5, batch.Read);
    }

    [Fact]
    public void An_unknown_header_an_empty_file_and_an_open_quote_are_refused_with_a_line()
    {
        Assert.Equal(MetricProblem.UnknownLayout, MetricsCsvImport.Parse("a,b,c\n1,2,3\n"u8.ToArray()).Batch.Errors.Single().Problem);
        Assert.Equal(MetricProblem.EmptyFile, MetricsCsvImport.Parse([]).Batch.Errors.Single().Problem);
        var open = MetricsCsvImport.Parse("date,social_channel,metric,value\n2026-12-01,\"instagram,impressions,1\n"u8.ToArray()).Batch.Errors.Single();
        Assert.Equal((2, MetricProblem.UnterminatedQuote), (open.Position, open.Problem));
    }

    [Fact]
    public void Latin1_files_from_old_excel_versions_still_read()
    {
        var bytes = Encoding.Latin1.GetBytes("date;social_channel;metric;value\n01.12.2026;instagram @köln;Impressionen;5\n");
        Assert.Empty(MetricsCsvImport.Parse(bytes).Batch.Errors);
    }

    [Theory]
    [InlineData("1234", NumberStyle.English, 1234L)]
    [InlineData("1,234", NumberStyle.English, 1234L)]
    [InlineData("1,234,567", NumberStyle.English, 1234567L)]
    [InlineData("1234.0", NumberStyle.English, 1234L)]
    [InlineData("1.234", NumberStyle.German, 1234L)]
    [InlineData("1.234,00", NumberStyle.German, 1234L)]
    [InlineData("1 234", NumberStyle.German, 1234L)]
    [InlineData("1\u00A0234", NumberStyle.German, 1234L)]
    [InlineData("0", NumberStyle.German, 0L)]
    [InlineData("-5", NumberStyle.English, -5L)]
    public void Counts_are_read_in_english_and_german_notation(string text, NumberStyle style, long expected)
    {
        Assert.True(MetricsCsvValues.TryParseCount(text, style, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1.5", NumberStyle.English)]
    [InlineData("1,5", NumberStyle.German)]
    [InlineData("1.23", NumberStyle.German)]
    [InlineData("12,34", NumberStyle.English)]
    [InlineData("abc", NumberStyle.English)]
    [InlineData("", NumberStyle.English)]
    [InlineData("1e5", NumberStyle.English)]
    [InlineData("99999999999999999999999", NumberStyle.English)]
    public void Fractions_odd_groupings_and_words_are_no_counts(string text, NumberStyle style) =>
        Assert.False(MetricsCsvValues.TryParseCount(text, style, out _));

    [Theory]
    [InlineData("2026-12-01")]
    [InlineData("01.12.2026")]
    [InlineData("12/01/2026")]
    [InlineData("Tue, Dec 1, 2026")]
    [InlineData("2026-12-01 08:00")]
    public void Dates_are_read_as_the_exports_write_them(string text)
    {
        Assert.True(MetricsCsvValues.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(2026, 12, 1), date);
    }

    [Theory]
    [InlineData("https://www.instagram.com/p/abc/", "instagram.com/p/abc")]
    [InlineData("http://instagram.com/p/abc?utm_source=x#top", "instagram.com/p/abc")]
    [InlineData("https://WWW.Facebook.com/contoso/posts/1", "facebook.com/contoso/posts/1")]
    [InlineData("  https://twitter.com/contoso_de/status/1/  ", "twitter.com/contoso_de/status/1")]
    [InlineData("not a url", "not a url")]
    public void Post_urls_match_whatever_the_scheme_www_query_or_trailing_slash(string url, string expected) =>
        Assert.Equal(expected, PostUrls.Normalise(url));
}
