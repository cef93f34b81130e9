using System.Net;
using System.Text.Json;
using Bot.Posts;
using Bot.Privacy;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests;

/// <summary>
/// Retention on the real database and a fake clock: data just past its period goes, data just inside it stays, and
/// nothing still in use (an unfinished post, a person with a role) is touched however old it is.
/// </summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Ben = TeamsActivities.Ben;
    private static readonly ChannelAccount Clara = TeamsActivities.Clara;
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly BotApplication _bot;

    public RetentionTests() => _bot = new BotApplication { Clock = _clock };

    public async Task InitializeAsync()
    {
        await _bot.InitializeAsync();
        await _bot.InstallInTeamAsync(Anna, Anna, Ben, Clara);
        await SayAsync("add account instagram @contoso_de", Anna);
        await SayAsync("role <at>Ben Wagner</at> editor", Anna, Ben);
        await SayAsync("assign <at>Anna Schmidt</at> instagram", Anna, Anna);
        await SayAsync("away <at>Ben Wagner</at> 2026-12-01..2026-12-05", Anna, Ben);
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Fact]
    public async Task Each_rule_deletes_exactly_what_is_past_its_period()
    {
        var published = await DraftAsync("Veröffentlicht");
        await InvokeAsync(Action("post.submit", Ben, published, 0));
        await InvokeAsync(Action("post.approve", Anna, published, 1));
        await SayAsync($"published {PostWorkflow.ShortId(published)} https://instagram.com/p/1", Ben);
        var unfinished = await DraftAsync("Noch in Arbeit");
        var clara = _bot.Activities.PersonalMessage("help");
        clara.From = Clara;
        clara.Conversation = new ConversationAccount { Id = "a:1personal-chat-with-clara", ConversationType = ConversationTypes.Personal, TenantId = TeamsActivities.TenantId };
        await _bot.SendAsync(clara);

        _clock.Advance(TimeSpan.FromDays(10));
        var withdrawn = await DraftAsync("Zurückgezogen");
        await SayAsync($"withdraw {PostWorkflow.ShortId(withdrawn)}", Ben);
        await SayAsync("role <at>Clara Vogel</at> reviewer", Anna, Clara);
        await SayAsync("role <at>Clara Vogel</at> viewer", Anna, Clara);
        var auditAfterTenDays = await _bot.WithDatabaseAsync(db => db.TeamAudit.CountAsync(e => e.At >= Start.AddDays(10)));

        // One second before three years have passed since the first data: nothing of it is due yet (absences aside).
        _clock.SetUtcNow(Start.AddDays(3 * 365).AddSeconds(-1));
        // The nightly job may run too when the clock jumps; the state tells, whoever deleted.
        var auditBefore = await _bot.WithDatabaseAsync(db => db.TeamAudit.CountAsync());
        await ApplyAsync();
        Assert.Equal(3, await _bot.WithDatabaseAsync(db => db.Posts.CountAsync()));
        Assert.Equal(auditBefore, await _bot.WithDatabaseAsync(db => db.TeamAudit.CountAsync()));
        Assert.Empty(await _bot.WithDatabaseAsync(db => db.Absences.ToListAsync()));

        _clock.SetUtcNow(Start.AddDays(3 * 365).AddMinutes(1));
        await ApplyAsync();

        var posts = await _bot.WithDatabaseAsync(db => db.Posts.Select(p => p.Id).ToListAsync());
        Assert.Equal([unfinished, withdrawn], posts.Order());
        var remainingAudit = await _bot.WithDatabaseAsync(db => db.Posts.AsNoTracking().SelectMany(p => p.AuditTrail).CountAsync());
        Assert.Equal(remainingAudit, await _bot.WithDatabaseAsync(db => db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM \"PostAuditEntries\"").SingleAsync()));
        Assert.Empty(await _bot.WithDatabaseAsync(db => db.PostApprovalMessages.Where(m => m.PostId == published).ToListAsync()));
        Assert.Equal(auditAfterTenDays, await _bot.WithDatabaseAsync(db => db.TeamAudit.CountAsync()));
        Assert.True(auditBefore > auditAfterTenDays);

        // Everyone here still has a role in the team, however long ago they were last seen.
        var people = await _bot.WithDatabaseAsync(db => db.People.Select(p => p.AadObjectId).ToListAsync());
        Assert.Contains(Anna.AadObjectId, people);
        Assert.Contains(Ben.AadObjectId, people);
        Assert.Contains(Clara.AadObjectId, people);
        Assert.Empty(await _bot.WithDatabaseAsync(db => db.Absences.ToListAsync()));
    }

    [Fact]
    public async Task Metric_figures_revoked_api_keys_and_digest_records_go_after_their_periods_and_nothing_younger()
    {
        var today = DateOnly.FromDateTime(Start.UtcDateTime);
        await _bot.WithDatabaseAsync(async db =>
        {
            var channel = await db.SocialChannels.SingleAsync();
            foreach (var day in new[] { today.AddDays(-3 * 365 - 1), today.AddDays(-3 * 365 + 1) })
            {
                db.SocialChannelDailyMetrics.Add(new Metrics.SocialChannelDailyMetric { TeamId = channel.TeamId, SocialChannelId = channel.Id, Date = day, Metric = Metrics.MetricKind.Impressions, Value = 100, Source = "test", ReadAt = Start });
                db.PostMetrics.Add(new Metrics.PostMetric { TeamId = channel.TeamId, PostUrl = "instagram.com/p/1", Date = day, Metric = Metrics.MetricKind.Reactions, Value = 5, Source = "test", ReadAt = Start });
            }

            db.MetricsApiKeys.AddRange(
                new Metrics.MetricsApiKey { Id = Guid.NewGuid(), TeamId = channel.TeamId, Prefix = "smb_old", KeyHash = new string('a', 64), CreatedByAadObjectId = Anna.AadObjectId!, CreatedAt = Start.AddDays(-200), RevokedAt = Start.AddDays(-91), RevokedByAadObjectId = Anna.AadObjectId },
                new Metrics.MetricsApiKey { Id = Guid.NewGuid(), TeamId = channel.TeamId, Prefix = "smb_new", KeyHash = new string('b', 64), CreatedByAadObjectId = Anna.AadObjectId!, CreatedAt = Start.AddDays(-200), RevokedAt = Start.AddDays(-89), RevokedByAadObjectId = Anna.AadObjectId },
                new Metrics.MetricsApiKey { Id = Guid.NewGuid(), TeamId = channel.TeamId, Prefix = "smb_live", KeyHash = new string('c', 64), CreatedByAadObjectId = Anna.AadObjectId!, CreatedAt = Start.AddDays(-2000) });
            db.DigestDeliveries.AddRange(
                new global::Bot.Digest.DigestDelivery { TeamId = channel.TeamId, Date = today.AddDays(-91), SentAt = Start.AddDays(-91), Trigger = "schedule" },
                new global::Bot.Digest.DigestDelivery { TeamId = channel.TeamId, Date = today.AddDays(-89), SentAt = Start.AddDays(-89), Trigger = "schedule" });
            return await db.SaveChangesAsync();
        });

        var report = await ApplyAsync();

        Assert.Equal((2, 1, 1), (report.Metrics, report.RevokedApiKeys, report.DigestDeliveries));
        Assert.Equal([today.AddDays(-3 * 365 + 1)], await _bot.WithDatabaseAsync(db => db.SocialChannelDailyMetrics.Select(m => m.Date).ToListAsync()));
        Assert.Equal([today.AddDays(-3 * 365 + 1)], await _bot.WithDatabaseAsync(db => db.PostMetrics.Select(m => m.Date).ToListAsync()));
        Assert.Equal(["smb_live", "smb_new"], (await _bot.WithDatabaseAsync(db => db.MetricsApiKeys.Select(k => k.Prefix).ToListAsync())).Order());
        Assert.Equal([today.AddDays(-89)], await _bot.WithDatabaseAsync(db => db.DigestDeliveries.Select(d => d.Date).ToListAsync()));
    }

    [Fact]
    public async Task A_person_without_a_role_and_their_personal_chat_go_after_a_year_of_silence()
    {
        var clara = _bot.Activities.PersonalMessage("help");
        clara.From = Clara;
        clara.Conversation = new ConversationAccount { Id = "a:1personal-chat-with-clara", ConversationType = ConversationTypes.Personal, TenantId = TeamsActivities.TenantId };
        await _bot.SendAsync(clara);

        _clock.Advance(TimeSpan.FromDays(364));
        await ApplyAsync();
        Assert.Contains(Clara.AadObjectId, await _bot.WithDatabaseAsync(db => db.People.Select(p => p.AadObjectId).ToListAsync()));

        _clock.Advance(TimeSpan.FromDays(2));
        await ApplyAsync();

        var people = await _bot.WithDatabaseAsync(db => db.People.Select(p => p.AadObjectId).ToListAsync());
        Assert.DoesNotContain(Clara.AadObjectId, people);
        Assert.Contains(Ben.AadObjectId, people);
        var conversations = await _bot.WithDatabaseAsync(db => db.Conversations.Select(c => c.ConversationId).ToListAsync());
        Assert.DoesNotContain("a:1personal-chat-with-clara", conversations);
        Assert.Contains(TeamsActivities.ChannelConversationId, conversations);
    }

    [Fact]
    public async Task The_nightly_job_in_the_persistent_scheduler_applies_retention_and_makes_up_a_missed_night()
    {
        await _bot.SendAsync(ClaraSaysHelp());
        var scheduler = await _bot.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        var retention = new Quartz.TriggerKey("retention", "recurring");
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 2, 30, 0, TimeSpan.Zero), (await scheduler.GetTrigger(retention))?.NextFireTimeUtc);

        // A year and two days later, with the bot "down" in between: one make-up run, then the next night's slot.
        _clock.SetUtcNow(new DateTimeOffset(2027, 11, 25, 2, 29, 0, TimeSpan.Zero));

        await Reminders.ReminderWorld.EventuallyAsync(
            async () => !(await _bot.WithDatabaseAsync(db => db.People.Select(p => p.AadObjectId).ToListAsync())).Contains(Clara.AadObjectId!),
            "the retention run");
        Assert.Contains(Ben.AadObjectId, await _bot.WithDatabaseAsync(db => db.People.Select(p => p.AadObjectId).ToListAsync()));
        await Reminders.ReminderWorld.EventuallyAsync(
            async () => (await scheduler.GetTrigger(retention))?.NextFireTimeUtc == new DateTimeOffset(2027, 11, 25, 2, 30, 0, TimeSpan.Zero),
            "the next nightly slot");
    }

    private Activity ClaraSaysHelp()
    {
        var clara = _bot.Activities.PersonalMessage("help");
        clara.From = Clara;
        clara.Conversation = new ConversationAccount { Id = "a:1personal-chat-with-clara", ConversationType = ConversationTypes.Personal, TenantId = TeamsActivities.TenantId };
        return clara;
    }

    private async Task<RetentionReport> ApplyAsync()
    {
        await using var scope = _bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionService>().ApplyAsync(CancellationToken.None);
    }

    private async Task<Guid> DraftAsync(string title)
    {
        var channel = await _bot.WithDatabaseAsync(db => db.SocialChannels.Select(c => c.Id).SingleAsync());
        var before = await _bot.WithDatabaseAsync(db => db.Posts.Select(p => p.Id).ToListAsync());
        var date = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).AddDays(3);
        await InvokeAsync(Action("post.create", Ben, new Dictionary<string, string?>
        {
            ["title"] = title,
            ["text"] = "Text für " + title,
            ["socialChannels"] = channel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["plannedDate"] = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["plannedTime"] = "10:30",
        }));
        return await _bot.WithDatabaseAsync(db => db.Posts.Where(p => !before.Contains(p.Id)).Select(p => p.Id).SingleAsync());
    }

    private Activity Action(string verb, ChannelAccount from, Guid postId, int revision) =>
        Action(verb, from, new Dictionary<string, string?> { ["postId"] = postId.ToString("D"), ["revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private Activity Action(string verb, ChannelAccount from, Dictionary<string, string?> data)
    {
        var activity = _bot.Activities.CardAction(verb, data, inChannel: true);
        activity.From = from;
        activity.ChannelData = new
        {
            tenant = new { id = TeamsActivities.TenantId },
            team = new { id = TeamsActivities.TeamId },
            channel = new { id = TeamsActivities.ChannelConversationId },
        };
        return activity;
    }

    private async Task InvokeAsync(Activity activity)
    {
        var response = await _bot.SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
    }

    private async Task SayAsync(string command, ChannelAccount from, params ChannelAccount[] mentioned)
    {
        var response = await _bot.SendAsync(_bot.Activities.ChannelCommand(command, from, mentioned));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
