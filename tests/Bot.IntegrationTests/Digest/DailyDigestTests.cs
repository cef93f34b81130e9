using System.Net;
using Bot.Digest;
using Bot.Hosting;
using Bot.IntegrationTests.Reminders;
using Bot.Metrics;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace Bot.IntegrationTests.Digest;

/// <summary>
/// The daily digest on the real host: Quartz with its persistent store on the bot's SQLite file, the fake clock, the
/// outbox and the fake Teams connector. Wednesday 25 November 2026; the team works in Europe/Berlin (UTC+1).
/// </summary>
public sealed class DailyDigestTests : IAsyncLifetime
{
    private const string TeamId = TeamsActivities.TeamId;

    // 08:30 in Berlin, half an hour before the default digest time; a day already past on the machine's clock, which
    // the scheduler must not consult.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 7, 30, 0, TimeSpan.Zero));
    private readonly ReminderWorld _world;

    public DailyDigestTests() => _world = new ReminderWorld(new BotApplication { Clock = _clock });

    public async Task InitializeAsync()
    {
        await _world.Bot.InitializeAsync();
        await _world.SetUpTeamAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_world.Bot).DisposeAsync();

    [Fact]
    public async Task The_trigger_fires_at_nine_in_berlin_posts_once_and_nothing_more_after_a_restart_the_same_day()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero), await NextRunAsync());

        _clock.Advance(TimeSpan.FromMinutes(30));

        await ReminderWorld.EventuallyAsync(() => Task.FromResult(DigestsInChannel().Count >= 1), "the 09:00 digest");
        Assert.Contains("Morning digest", DigestsInChannel().Single().VisibleText, StringComparison.Ordinal);
        Assert.Equal(1, await _world.Bot.WithDatabaseAsync(db => db.DigestDeliveries.CountAsync(d => d.TeamId == TeamId && d.Date == new DateOnly(2026, 11, 25))));

        // A restart, and the same day's job firing again (as a second instance or a replayed trigger would).
        await RestartAsync();
        var scheduler = await _world.Bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(DigestScheduler.JobOf(TeamId));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await _world.Bot.OutboxSettledAsync();

        Assert.Single(DigestsInChannel());
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero), await NextRunAsync());
    }

    [Fact]
    public async Task A_digest_missed_while_the_bot_was_down_is_sent_once_when_it_is_back_the_same_working_day()
    {
        await _world.Bot.DisposeAsync();
        _clock.Advance(TimeSpan.FromHours(2)); // 10:30 in Berlin
        _world.Bot = _world.Bot.Restarted();
        await _world.Bot.InitializeAsync();

        await ReminderWorld.EventuallyAsync(() => Task.FromResult(DigestsInChannel().Count >= 1), "the digest made up after the outage");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(DigestsInChannel());
    }

    [Fact]
    public async Task A_digest_missed_until_after_working_hours_is_not_sent_that_evening()
    {
        await _world.Bot.DisposeAsync();
        _clock.Advance(TimeSpan.FromHours(10)); // 18:30 in Berlin, after the working day
        _world.Bot = _world.Bot.Restarted();
        await _world.Bot.InitializeAsync();

        await Task.Delay(TimeSpan.FromSeconds(2));
        await _world.Bot.OutboxSettledAsync();

        Assert.Empty(DigestsInChannel());
        Assert.Equal(0, await _world.Bot.WithDatabaseAsync(db => db.DigestDeliveries.CountAsync()));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero), await NextRunAsync());
    }

    [Fact]
    public async Task Digest_now_by_a_coordinator_posts_into_the_teams_channel_with_a_chart_link_that_serves_a_png()
    {
        await FiguresAsync();

        await _world.SayAsync("digest now", ReminderWorld.Anna);

        // The answer and the queued card race each other into the channel; both arrive.
        Assert.Contains(_world.Bot.Connector.Calls, c => c.VisibleText.Contains("on its way", StringComparison.Ordinal));
        await ReminderWorld.EventuallyAsync(() => Task.FromResult(DigestsInChannel().Count >= 1), "the digest asked for");
        var card = ReminderWorld.CardOf(DigestsInChannel().Single());
        CardRules.AssertValid(card);
        Assert.Contains("1,500 impressions", card.ToString(), StringComparison.Ordinal);
        var chartUrl = Images(card).Single();
        Assert.StartsWith("http://localhost" + DigestChartEndpoint.Path + "/", chartUrl, StringComparison.Ordinal);

        using var client = _world.Bot.CreateClient();
        using var chart = await client.GetAsync(new Uri(chartUrl).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal("image/png", chart.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0x89, (await chart.Content.ReadAsByteArrayAsync())[0]);

        // The manual digest does not use up the scheduled one.
        Assert.Equal(0, await _world.Bot.WithDatabaseAsync(db => db.DigestDeliveries.CountAsync()));
    }

    [Fact]
    public async Task Digest_now_from_a_viewer_is_refused_in_german_and_nothing_is_posted()
    {
        var reply = await _world.SayForReplyAsync("digest jetzt", ReminderWorld.Dora, "de-DE");

        Assert.Contains("Das dürfen nur Koordinator/innen", reply.VisibleText, StringComparison.Ordinal);
        Assert.Empty(DigestsInChannel());
        Assert.Equal(0, await _world.Bot.WithDatabaseAsync(db => db.OutboundMessages.CountAsync(m => m.Kind == "digest")));
    }

    [Fact]
    public async Task Digest_settings_are_saved_by_a_coordinator_and_move_the_trigger()
    {
        var form = await _world.SayForReplyAsync("digest-einstellungen", ReminderWorld.Anna, "de-DE");
        Assert.Contains("Morgenbericht senden", form.VisibleText, StringComparison.Ordinal);

        var saved = await _world.InvokeAsync(Save(ReminderWorld.Anna, "07:45", "1,2,3,4,5", "Yesterday,WaitingForReview"));

        Assert.Contains("Saved.", saved.ToString(), StringComparison.Ordinal);
        var stored = await _world.Bot.WithDatabaseAsync(db => db.DigestSettings.AsNoTracking().SingleAsync(s => s.TeamId == TeamId));
        Assert.Equal(new TimeOnly(7, 45), stored.LocalTime);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], stored.Days);
        Assert.Equal([DigestSection.TopAndWeakestPost, DigestSection.BehindCadence, DigestSection.GoingOutToday, DigestSection.Chart, DigestSection.WeekAhead], stored.SwitchedOffSections);

        // 07:45 today has passed (it is 08:30), so the next digest is tomorrow at 07:45 Berlin time.
        await ReminderWorld.EventuallyAsync(async () => await NextRunAsync() == new DateTimeOffset(2026, 11, 26, 6, 45, 0, TimeSpan.Zero), "the moved trigger");
    }

    [Fact]
    public async Task A_new_team_time_zone_in_the_reminder_settings_moves_the_digest_to_nine_there()
    {
        var activity = _world.Bot.Activities.CardAction("reminders.saveSettings", new Dictionary<string, string?>
        {
            ["slaHours"] = "4",
            ["deadlineHours"] = "24",
            ["planGapDays"] = "3",
            ["workStart"] = "08:00",
            ["workEnd"] = "18:00",
            ["workingDays"] = "1,2,3,4,5",
            ["timeZone"] = "America/New_York",
            ["holidays"] = "",
            ["kindsOn"] = "Review,Deadline,DueNow,PlanGap,MissedSlot",
        }, inChannel: true);
        activity.From = ReminderWorld.Anna;
        activity.ChannelData = ReminderWorld.TeamChannelData();

        await _world.InvokeAsync(activity);

        // 09:00 in New York (UTC-5) is 14:00 UTC, still to come today.
        await ReminderWorld.EventuallyAsync(async () => await NextRunAsync() == new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.Zero), "the digest in the new zone");
    }

    [Fact]
    public async Task Bad_digest_settings_get_a_specific_answer_and_a_viewer_cannot_save_them()
    {
        var badTime = await _world.InvokeAsync(Save(ReminderWorld.Anna, "25:99", "", "Yesterday"));
        var noSection = await _world.InvokeAsync(Save(ReminderWorld.Anna, "09:00", "", ""));
        var viewer = await _world.InvokeAsync(Save(ReminderWorld.Dora, "06:00", "", "Yesterday"));

        Assert.Contains("HH:mm", badTime.ToString(), StringComparison.Ordinal);
        Assert.Contains("at least one section", noSection.ToString(), StringComparison.Ordinal);
        Assert.Contains("Only coordinators", viewer.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await _world.Bot.WithDatabaseAsync(db => db.DigestSettings.CountAsync()));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero), await NextRunAsync());
    }

    [Fact]
    public async Task A_wrong_or_expired_chart_token_is_404()
    {
        var tokens = _world.Bot.Services.GetRequiredService<DownloadTokens>();
        var token = tokens.IssueDigestChart(TeamId, new DateOnly(2026, 11, 25), "de-DE");
        using var client = _world.Bot.CreateClient();

        using var valid = await client.GetAsync($"{DigestChartEndpoint.Path}/{token}");
        using var tampered = await client.GetAsync($"{DigestChartEndpoint.Path}/{token[..^4]}AAAA");
        using var audit = await client.GetAsync($"{DigestChartEndpoint.Path}/{tokens.IssuePersonalData(TeamsActivities.AnnaAadObjectId)}");
        _clock.Advance(DownloadTokens.DigestChartLifetime + TimeSpan.FromMinutes(1));
        using var expired = await client.GetAsync($"{DigestChartEndpoint.Path}/{token}");

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal("image/png", valid.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, audit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
    }

    private Protocol.Schema.Activity Save(Protocol.Schema.ChannelAccount from, string time, string days, string sections)
    {
        var activity = _world.Bot.Activities.CardAction("digest.saveSettings", new Dictionary<string, string?>
        {
            ["digestEnabled"] = "true",
            ["digestTime"] = time,
            ["digestDays"] = days,
            ["digestSections"] = sections,
        }, inChannel: true);
        activity.From = from;
        activity.ChannelData = ReminderWorld.TeamChannelData();
        return activity;
    }

    /// <summary>Yesterday's figures for the Instagram account, as the metrics import would have stored them.</summary>
    private Task FiguresAsync() => _world.Bot.WithDatabaseAsync(async db =>
    {
        var channel = await db.SocialChannels.SingleAsync();
        foreach (var (kind, value) in new[] { (MetricKind.Impressions, 1500L), (MetricKind.Reactions, 60L), (MetricKind.Comments, 30L) })
        {
            db.SocialChannelDailyMetrics.Add(new SocialChannelDailyMetric { TeamId = TeamId, SocialChannelId = channel.Id, Date = new DateOnly(2026, 11, 24), Metric = kind, Value = value, Source = "test", ReadAt = _clock.GetUtcNow() });
        }

        return await db.SaveChangesAsync();
    });

    private async Task<DateTimeOffset?> NextRunAsync() =>
        await _world.Bot.Services.GetRequiredService<DigestScheduler>().NextRunAsync(TeamId, CancellationToken.None);

    private IReadOnlyList<ConnectorCall> DigestsInChannel() =>
        [.. _world.TeamChannelMessages().Where(c => c.VisibleText.Contains("digest", StringComparison.OrdinalIgnoreCase) && c.VisibleText.Contains("Waiting for review", StringComparison.Ordinal))];

    private static IEnumerable<string> Images(System.Text.Json.JsonElement card) =>
        card.GetProperty("body").EnumerateArray()
            .Where(e => e.TryGetProperty("items", out _))
            .SelectMany(e => e.GetProperty("items").EnumerateArray())
            .Where(e => e.GetProperty("type").GetString() == "Image")
            .Select(e => e.GetProperty("url").GetString()!);

    private async Task RestartAsync()
    {
        await _world.Bot.DisposeAsync();
        _world.Bot = _world.Bot.Restarted();
        await _world.Bot.InitializeAsync();
    }
}

/// <summary>
/// The digest settings name the next digest by the team's working calendar: on Friday 4 December 2026 after nine, with
/// the default Monday-to-Friday week, that is Monday, although the daily trigger fires next on Saturday.
/// </summary>
public sealed class DigestSettingsNextDigestTests : IAsyncLifetime
{
    // Friday 4 December 2026, 12:00 in Berlin.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 11, 0, 0, TimeSpan.Zero));
    private readonly ReminderWorld _world;

    public DigestSettingsNextDigestTests() => _world = new ReminderWorld(new BotApplication { Clock = _clock });

    public async Task InitializeAsync()
    {
        await _world.Bot.InitializeAsync();
        await _world.SetUpTeamAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_world.Bot).DisposeAsync();

    [Fact]
    public async Task On_a_friday_the_settings_name_monday_as_the_next_digest()
    {
        var form = await _world.SayForReplyAsync("digest-einstellungen", ReminderWorld.Anna, "de-DE");

        Assert.Contains("Nächster Bericht: 07.12.2026 um 09:00", form.VisibleText, StringComparison.Ordinal);
        Assert.DoesNotContain("05.12.2026", form.VisibleText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_save_the_card_names_the_next_digest_day_at_the_new_time()
    {
        var activity = _world.Bot.Activities.CardAction("digest.saveSettings", new Dictionary<string, string?>
        {
            ["digestEnabled"] = "true",
            ["digestTime"] = "07:45",
            ["digestDays"] = "",
            ["digestSections"] = "Yesterday,WaitingForReview",
        }, inChannel: true);
        activity.From = ReminderWorld.Anna;
        activity.ChannelData = ReminderWorld.TeamChannelData();

        var saved = await _world.InvokeAsync(activity);

        Assert.Contains("Next digest: Dec 7, 2026 at 07:45", saved.ToString(), StringComparison.Ordinal);
    }
}
