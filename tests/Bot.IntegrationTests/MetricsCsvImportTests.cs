using System.Text;
using Bot.Metrics;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests;

/// <summary>
/// <c>import-metrics &lt;file&gt; --team &lt;id&gt;</c>, the command line's entry point, on the bot's real SQLite file:
/// each sample export from docs/metrics goes in whole, and a malformed file goes in not at all.
/// </summary>
public sealed class MetricsCsvImportTests : IAsyncLifetime
{
    private static readonly string SampleFolder = Path.Combine(RepositoryFiles.Root, "docs", "metrics");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly BotApplication _bot;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bot-tests", "csv-" + Guid.NewGuid().ToString("N"));

    public MetricsCsvImportTests() => _bot = new BotApplication { Clock = _clock };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await _bot.InitializeAsync();
        await _bot.InstallInTeamAsync(TeamsActivities.Anna, TeamsActivities.Anna);
        foreach (var command in new[] { "add account instagram @contoso_de", "add account linkedin contoso-gmbh", "add account facebook contoso.de" })
        {
            await _bot.SendAsync(_bot.Activities.ChannelCommand(command, TeamsActivities.Anna));
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await ((IAsyncLifetime)_bot).DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("generic.csv", "generic layout", 6, 6, 0)]
    [InlineData("meta-business-suite.csv", "Meta Business Suite export", 2, 0, 12)]
    [InlineData("linkedin-page.csv", "LinkedIn page analytics export", 2, 12, 0)]
    [InlineData("x-analytics.csv", "X analytics export", 2, 0, 10)]
    public async Task Each_sample_layout_is_imported_whole_and_a_second_run_changes_nothing(string file, string layout, int rows, int daily, int posts)
    {
        var (exit, output, error) = await RunAsync(Path.Combine(SampleFolder, file), "--team", TeamsActivities.TeamId);

        Assert.True(exit == 0, error);
        Assert.Equal($"**{file}** ({layout}) for Social Media: {rows} rows read; figures: {daily + posts} new, 0 updated, 0 unchanged (skipped as duplicates).", output.Trim());
        Assert.Equal((daily, posts), await CountsAsync());

        var (again, secondOutput, _) = await RunAsync(Path.Combine(SampleFolder, file), "--team", TeamsActivities.TeamId);
        Assert.Equal(0, again);
        Assert.Contains($"0 new, 0 updated, {daily + posts} unchanged", secondOutput, StringComparison.Ordinal);
        Assert.Equal((daily, posts), await CountsAsync());
    }

    [Fact]
    public async Task The_imported_figures_are_the_files_figures()
    {
        await RunAsync(Path.Combine(SampleFolder, "linkedin-page.csv"), "--team", TeamsActivities.TeamId);
        await RunAsync(Path.Combine(SampleFolder, "meta-business-suite.csv"), "--team", TeamsActivities.TeamId);

        var linkedIn = await _bot.WithDatabaseAsync(db => db.SocialChannels.SingleAsync(c => c.Handle == "contoso-gmbh"));
        var december = await _bot.WithDatabaseAsync(db => db.SocialChannelDailyMetrics.AsNoTracking()
            .Where(m => m.Date == new DateOnly(2026, 12, 1)).ToDictionaryAsync(m => m.Metric, m => (m.SocialChannelId, m.Value, m.Source)));
        Assert.Equal((linkedIn.Id, 1688L, "csv:linkedin"), december[MetricKind.Impressions]);
        Assert.Equal((linkedIn.Id, 951L, "csv:linkedin"), december[MetricKind.Reach]);
        Assert.Equal((linkedIn.Id, 5L, "csv:linkedin"), december[MetricKind.Shares]);
        var winter = await _bot.WithDatabaseAsync(db => db.PostMetrics.AsNoTracking()
            .Where(m => m.PostUrl == "facebook.com/contoso.de/posts/pfbid02WinterAbend").ToDictionaryAsync(m => m.Metric, m => (m.Value, m.Date)));
        Assert.Equal((12_480L, new DateOnly(2026, 12, 4)), winter[MetricKind.Impressions]);
        Assert.Equal((1_204L, new DateOnly(2026, 12, 4)), winter[MetricKind.Clicks]);
    }

    [Fact]
    public async Task A_malformed_file_imports_nothing_reports_line_numbers_and_exits_non_zero()
    {
        var path = Path.Combine(_folder, "broken.csv");
        await File.WriteAllTextAsync(path,
            "date,social_channel,metric,value\n" +
            "2026-12-01,instagram @contoso_de,impressions,100\n" +
            "2026-12-01,instagram @contoso_de,impressions,abc\n" +
            "2026-12-01,instagram @contoso_de,reach\n" +
            "2026-12-02,instagram @nobody,reach,5\n" +
            "2026-12-02,instagram @contoso_de,reach,5\n", Encoding.UTF8);

        var (exit, output, error) = await RunAsync(path, "--team", TeamsActivities.TeamId);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("**broken.csv** (generic layout): nothing imported. 5 rows read, 3 of them bad", error, StringComparison.Ordinal);
        Assert.Contains("- line 3: \"abc\" is no whole number", error, StringComparison.Ordinal);
        Assert.Contains("- line 4: wrong number of cells (found/expected: 3/4)", error, StringComparison.Ordinal);
        Assert.Contains("- line 5: this team has no social channel \"instagram @nobody\"", error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 2:", error, StringComparison.Ordinal);
        Assert.Equal((0, 0), await CountsAsync());
    }

    [Fact]
    public async Task Wrong_arguments_and_an_unknown_team_exit_with_2()
    {
        Assert.Equal(2, (await RunAsync(Path.Combine(SampleFolder, "generic.csv"))).Exit);
        Assert.Equal(2, (await RunAsync(Path.Combine(_folder, "missing.csv"), "--team", TeamsActivities.TeamId)).Exit);
        Assert.Equal(2, (await RunAsync(Path.Combine(SampleFolder, "generic.csv"), "--team", "19:nope")).Exit);
        Assert.Equal((0, 0), await CountsAsync());
    }

    private Task<(int Daily, int Posts)> CountsAsync() =>
        _bot.WithDatabaseAsync(async db => (await db.SocialChannelDailyMetrics.CountAsync(), await db.PostMetrics.CountAsync()));

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await MetricsImportCommand.RunAsync(_bot.Services, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
