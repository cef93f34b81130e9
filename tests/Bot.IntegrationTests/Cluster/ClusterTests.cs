using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Bot.Delivery;
using Bot.Persistence;
using Bot.Posts;
using Bot.Protocol.Schema;
using Bot.Reminders;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Bot.IntegrationTests.Cluster;

/// <summary>
/// Two bot processes on one PostgreSQL database, as behind a load balancer: reminders fire once in the cluster, the
/// outbox is shared, an instance killed with SIGKILL loses nothing to the other, and the same click arriving at both
/// has one effect. PostgreSQL only (the clustered scheduler needs it); without <c>BOT_TEST_POSTGRES</c> these fail.
/// Real time in the child processes: schedules lie a few seconds ahead.
/// </summary>
public sealed partial class ClusterTests : IAsyncLifetime
{
    private const string AppId = BotApplication.AppId;
    private const int Reminders = 500;

    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Ben = TeamsActivities.Ben;
    private static readonly ChannelAccount Clara = TeamsActivities.Clara;

    private readonly TestDatabase _database = TestDatabase.New(DatabaseProvider.Postgres);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bot-cluster-test", Guid.NewGuid().ToString("N"));
    private readonly FakeConnectorServer _connector = new();
    private readonly FakeChannelTokenIssuer _issuer = new() { ExpectedClientId = AppId, ExpectedClientSecret = BotApplication.AppPassword };
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly List<BotProcess> _bots = [];

    private TeamsActivities Activities => new(_connector.ServiceUrl, AppId);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await _database.CreateAsync();
        await _connector.StartAsync();
        await _issuer.StartAsync();
        _connector.Members.AddRange([Anna, Ben, Clara]);
    }

    public async Task DisposeAsync()
    {
        foreach (var bot in _bots)
        {
            bot.Kill();
        }

        _http.Dispose();
        await _connector.DisposeAsync();
        await _issuer.DisposeAsync();
        await _database.DropAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Five_hundred_reminders_due_within_a_minute_are_each_sent_once_and_both_instances_share_the_work()
    {
        var (first, second) = await StartTwoAsync();
        var postId = await PrepareReviewAsync(first);
        var before = EscalationsSent();

        await ScheduleEscalationsAsync(postId, DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(40));

        await WaitForAsync(() => EscalationsSent() - before >= Reminders, TimeSpan.FromSeconds(90), "every reminder to arrive");
        await WaitForOutboxAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(Reminders, EscalationsSent() - before);
        await using var database = _database.OpenContext();
        var rows = await database.OutboundMessages.AsNoTracking().Where(m => m.Kind == OutboundKinds.TeamNote).ToListAsync();
        Assert.Equal(Reminders, rows.Count);
        Assert.All(rows, m => Assert.Equal(OutboundState.Sent, m.State));

        // Which instance did what, from their own logs: both fired reminders and both sent, and no message twice.
        var firedByFirst = ReminderFirings(first);
        var firedBySecond = ReminderFirings(second);
        Assert.Equal(Reminders, firedByFirst + firedBySecond);
        Assert.True(firedByFirst > 0 && firedBySecond > 0, $"Reminders fired: {firedByFirst} and {firedBySecond}.");
        var sentByFirst = SentMessageIds(first);
        var sentBySecond = SentMessageIds(second);
        Assert.True(sentByFirst.Count > 0 && sentBySecond.Count > 0, $"Messages sent: {sentByFirst.Count} and {sentBySecond.Count}.");
        Assert.Empty(sentByFirst.Intersect(sentBySecond));
        Assert.Equal(2, await ClusterMembersAsync());
    }

    [Fact]
    public async Task An_instance_killed_in_the_middle_loses_nothing_the_other_takes_over_its_reminders_and_messages()
    {
        var (first, second) = await StartTwoAsync();
        var postId = await PrepareReviewAsync(first);
        var before = EscalationsSent();

        await ScheduleEscalationsAsync(postId, DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));
        await WaitForAsync(() => EscalationsSent() - before >= Reminders / 4, TimeSpan.FromSeconds(60), "a quarter of the reminders");
        first.Kill();
        var firedByFirst = ReminderFirings(first);
        var sentByFirst = SentMessageIds(first);

        await WaitForAsync(() => EscalationsSent() - before >= Reminders, TimeSpan.FromSeconds(90), "every reminder, after the kill");
        await WaitForOutboxAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.True(firedByFirst > 0 && sentByFirst.Count > 0, $"The killed instance had done nothing yet ({firedByFirst} firings, {sentByFirst.Count} sends).");
        await using var database = _database.OpenContext();
        var rows = await database.OutboundMessages.AsNoTracking().Where(m => m.Kind == OutboundKinds.TeamNote).ToListAsync();
        Assert.All(rows, m => Assert.Equal(OutboundState.Sent, m.State));
        Assert.Equal(Reminders, rows.Count);

        // A POST the connector took in the instant before the kill, whose row was not yet marked sent, goes again from
        // the other instance once the claim lapses (Teams has no idempotency key); the killed worker sends one at a time.
        var sent = EscalationsSent() - before;
        Assert.InRange(sent, Reminders, Reminders + 1);
        Assert.Empty(SentMessageIds(second).Intersect(sentByFirst));
    }

    [Fact]
    public async Task The_same_click_delivered_to_both_instances_at_once_has_one_effect()
    {
        var (first, second) = await StartTwoAsync();
        await PrepareTeamAsync(first);

        for (var round = 0; round < 5; round++)
        {
            var title = $"Twice delivered {round}";
            var draft = CreateDraft(title);
            var answers = await Task.WhenAll(Send(first, draft), Send(second, draft));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
            Assert.Equal(answers[0].Body, answers[1].Body);

            await using var database = _database.OpenContext();
            Assert.Single(await database.Posts.AsNoTracking().Where(p => p.WorkingTitle == title).ToListAsync());
        }
    }

    [Fact]
    public async Task The_same_message_delivered_to_both_instances_at_once_is_answered_once()
    {
        var (first, second) = await StartTwoAsync();
        await PrepareTeamAsync(first);

        for (var round = 0; round < 5; round++)
        {
            var handle = $"@twice_{round}";
            var before = _connector.Sent.Count;
            var message = Activities.ChannelCommand($"add account tiktok {handle}", Anna);
            var answers = await Task.WhenAll(Send(first, message), Send(second, message));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));

            await using var database = _database.OpenContext();
            Assert.Single(await database.SocialChannels.AsNoTracking().Where(c => c.Handle == handle.TrimStart('@') || c.Handle == handle).ToListAsync());
            Assert.Single(_connector.Sent.Skip(before), c => c.VisibleText.Contains(handle.TrimStart('@'), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Fifty_simultaneous_approve_clicks_spread_over_both_instances_make_one_transition()
    {
        var (first, second) = await StartTwoAsync();
        var postId = await PrepareReviewAsync(first);

        var clicks = Enumerable.Range(0, 50).Select(i => Send(i % 2 == 0 ? first : second, Action("post.approve", Clara, postId, revision: 1)));
        var answers = await Task.WhenAll(clicks);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        await using var database = _database.OpenContext();
        var post = await database.Posts.AsNoTracking().SingleAsync(p => p.Id == postId);
        Assert.Equal(PostStatus.Approved, post.Status);
        Assert.Single(post.Decisions);
        Assert.Single(post.AuditTrail, e => e.Action == AuditAction.Approved);
        await WaitForOutboxAsync();
        Assert.Single(await database.OutboundMessages.AsNoTracking().Where(m => m.Kind == OutboundKinds.AuthorNote).ToListAsync());
    }

    [Fact]
    public async Task The_daily_digest_of_two_hundred_teams_goes_out_once_per_team_with_both_instances_running()
    {
        const int Teams = 200;
        var teamIds = Enumerable.Range(0, Teams).Select(i => $"19:digest-team-{i:D3}@thread.tacv2").ToList();
        var (first, second) = await StartTwoAsync(async first =>
        {
            // A real team first, so the connector's address is one the bot has seen in an authenticated activity.
            await PrepareTeamAsync(first);
            await SeedDigestTeamsAsync(teamIds);
        });

        await WaitForAsync(async () => (await DigestsQueuedAsync()) >= Teams, TimeSpan.FromSeconds(150), "every team's digest");
        await WaitForOutboxAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));

        var digests = _connector.Calls
            .Where(c => c.Kind == CallKind.Send && c.ConversationId is { } id && teamIds.Contains(id))
            .GroupBy(c => c.ConversationId!)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Teams, digests.Count);
        Assert.All(digests, d => Assert.Equal(1, d.Value));
        Assert.Equal(Teams, await DigestsQueuedAsync());
        var queuedByFirst = DigestLog().Matches(first.Output).Count;
        var queuedBySecond = DigestLog().Matches(second.Output).Count;
        Assert.True(queuedByFirst > 0 && queuedBySecond > 0, $"Digests queued: {queuedByFirst} and {queuedBySecond}.");
        Assert.Equal(Teams, queuedByFirst + queuedBySecond);
    }

    /// <summary>
    /// Teams installed in a zone where it is now around noon (inside any working day's hours), with the digest every day
    /// at a full minute 50–110 s ahead there: due in the same minute for all of them, whenever the test runs.
    /// </summary>
    private async Task SeedDigestTeamsAsync(IReadOnlyList<string> teamIds)
    {
        var now = DateTimeOffset.UtcNow;
        var offset = 12 - now.Hour;
        // Etc/GMT zones count the other way round: Etc/GMT-2 is UTC+2.
        var zone = offset == 0 ? "Etc/UTC" : $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}";
        // At least 50 s away: the second instance stores the triggers as it starts, and only its own scheduler hears of
        // them; the first looks at the store again only after its idle wait (Quartz's 30 s). Due sooner, the second
        // could fire all two hundred before the first looked, and the test would show no sharing for no fault.
        var due = TimeOnly.FromDateTime(now.UtcDateTime.AddHours(offset).AddSeconds(now.Second > 10 ? 110 : 60));
        due = new TimeOnly(due.Hour, due.Minute);
        await using var database = _database.OpenContext();
        foreach (var teamId in teamIds)
        {
            database.Teams.Add(new global::Bot.Teams.Team { TeamId = teamId, TenantId = TeamsActivities.TenantId, Name = teamId, TimeZoneId = zone, CreatedAt = now });
            database.Conversations.Add(new ConversationRecord
            {
                ConversationId = teamId,
                ChannelId = Channels.Msteams,
                ServiceUrl = _connector.ServiceUrl,
                ConversationType = ConversationTypes.Channel,
                TenantId = TeamsActivities.TenantId,
                TeamId = teamId,
                BotId = Activities.BotId,
                BotName = TeamsActivities.BotName,
                FirstSeenAt = now,
                LastSeenAt = now,
            });
            database.DigestSettings.Add(new global::Bot.Digest.TeamDigestSettings { TeamId = teamId, LocalTime = due, Days = [.. Enum.GetValues<DayOfWeek>()], UpdatedAt = now });
        }

        await database.SaveChangesAsync();
    }

    private async Task<int> DigestsQueuedAsync()
    {
        await using var database = _database.OpenContext();
        return await database.DigestDeliveries.CountAsync(d => d.TeamId.StartsWith("19:digest-team-"));
    }

    private async Task<BotProcess> StartOneAsync()
    {
        var bot = await BotProcess.StartAsync("first", _database, _issuer, _folder, InstanceSettings(), _http);
        _bots.Add(bot);
        return bot;
    }

    private async Task<(BotProcess First, BotProcess Second)> StartTwoAsync(Func<BotProcess, Task>? beforeSecond = null)
    {
        var settings = InstanceSettings();
        // One after the other: the first creates the schema; the second finds it (both would be safe, but slower).
        var first = await BotProcess.StartAsync("first", _database, _issuer, _folder, settings, _http);
        _bots.Add(first);
        if (beforeSecond is not null)
        {
            await beforeSecond(first);
        }

        var second = await BotProcess.StartAsync("second", _database, _issuer, _folder, settings, _http);
        _bots.Add(second);
        return (first, second);
    }

    private static Dictionary<string, string> InstanceSettings() =>
        new()
        {
            // A dead instance is noticed within seconds, not the production default's half minute.
            ["Cluster__CheckinInterval"] = "00:00:02",
            ["Cluster__CheckinMisfireThreshold"] = "00:00:03",
            ["Delivery__SendTimeout"] = "00:00:05",
            ["Delivery__ClaimLease"] = "00:00:10",
            // Five hundred notes into one Teams channel would be paced to one a second; these tests are about sharing.
            ["Delivery__ConversationBurst"] = "1000",
            ["Delivery__ConversationPerSecond"] = "1000",
            ["Delivery__TenantBurst"] = "10000",
            ["Delivery__TenantPerSecond"] = "10000",
            // Ids only: which instance fired which reminder and sent which message.
            ["Logging__LogLevel__Bot.Reminders.PostReminders"] = "Information",
            ["Logging__LogLevel__Bot.Delivery.OutboxWorker"] = "Debug",
            ["Logging__LogLevel__Bot.Digest.DailyDigest"] = "Information",
        };

    private async Task PrepareTeamAsync(BotProcess bot)
    {
        var install = Activities.InstallationAdded(inTeam: true);
        install.From = Anna;
        await SendOkAsync(bot, install);
        await SendOkAsync(bot, Activities.ChannelCommand("add account instagram @contoso_de", Anna));
        await SendOkAsync(bot, Activities.ChannelCommand("role <at>Ben Wagner</at> editor", Anna, [Ben]));
        await SendOkAsync(bot, Activities.ChannelCommand("role <at>Clara Vogel</at> reviewer", Anna, [Clara]));
        await SendOkAsync(bot, Activities.ChannelCommand("assign <at>Clara Vogel</at> instagram", Anna, [Clara]));
        await SendOkAsync(bot, Activities.ChannelCommand("who", Clara));
        await SendOkAsync(bot, Activities.ChannelCommand("who", Ben));
    }

    /// <summary>One post of Ben's waiting for Clara's review.</summary>
    private async Task<Guid> PrepareReviewAsync(BotProcess bot)
    {
        await PrepareTeamAsync(bot);
        await SendOkAsync(bot, CreateDraft("Cluster post"));
        await using var database = _database.OpenContext();
        var postId = await database.Posts.AsNoTracking().Where(p => p.WorkingTitle == "Cluster post").Select(p => p.Id).SingleAsync();
        await SendOkAsync(bot, Action("post.submit", Ben, postId, revision: 0));
        await WaitForOutboxAsync();
        return postId;
    }

    /// <summary>
    /// Stores 500 one-off reminders straight into the shared job store, through a Quartz scheduler that is never
    /// started (so it fires nothing itself): the third review reminder of a post, which asks the coordinators in the
    /// team's channel, one message per firing.
    /// </summary>
    private async Task ScheduleEscalationsAsync(Guid postId, DateTimeOffset from, TimeSpan spread)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQuartz(quartz => quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(_database.ConnectionString);
            store.UseClustering();
            store.UseSystemTextJsonSerializer();
        }));
        await using var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        for (var i = 0; i < Reminders; i++)
        {
            var job = JobBuilder.Create<ReviewReminderJob>()
                .WithIdentity($"load-{i}", "cluster-test")
                .UsingJobData(ReminderScheduler.PostIdKey, postId.ToString("D"))
                .UsingJobData(ReminderScheduler.TeamIdKey, TeamsActivities.TeamId)
                .UsingJobData(ReminderScheduler.CountKey, PostReminders.ReviewRemindersBeforeEscalation + 1)
                .RequestRecovery()
                .Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity($"load-{i}", "cluster-test")
                .StartAt(from + spread * i / Reminders)
                .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            await scheduler.ScheduleJob(job, trigger);
        }

        await scheduler.Shutdown(waitForJobsToComplete: false);
    }

    private int EscalationsSent() =>
        _connector.Calls.Count(c => c.Kind == CallKind.Send && c.VisibleText.Contains("still waiting for a review after two reminders", StringComparison.Ordinal));

    private static int ReminderFirings(BotProcess bot) => EscalationLog().Matches(bot.Output).Count;

    private static HashSet<string> SentMessageIds(BotProcess bot) =>
        [.. SentLog().Matches(bot.Output).Select(m => m.Groups["id"].Value)];

    [GeneratedRegex(@"Reminder Escalation sent for post")]
    private static partial Regex EscalationLog();

    [GeneratedRegex(@"Outbound message (?<id>\d+) \(team-note\) sent on attempt")]
    private static partial Regex SentLog();

    [GeneratedRegex(@"Digest of team 19:digest-team-\d+@thread.tacv2 for \S+ queued \(schedule\)")]
    private static partial Regex DigestLog();

    private async Task<int> ClusterMembersAsync()
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(DISTINCT instance_name) FROM qrtz_scheduler_state";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private Activity CreateDraft(string title)
    {
        var activity = Activities.CardAction("post.create", new { title, text = "Der Frühling ist da.", socialChannels = "1" }, inChannel: true);
        activity.From = Ben;
        activity.ChannelData = TeamChannelData();
        return activity;
    }

    private Activity Action(string verb, ChannelAccount from, Guid postId, int revision)
    {
        var activity = Activities.CardAction(verb, new { postId = postId.ToString("D"), revision = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) }, inChannel: true);
        activity.From = from;
        activity.ChannelData = TeamChannelData();
        return activity;
    }

    private static object TeamChannelData() => new
    {
        tenant = new { id = TeamsActivities.TenantId },
        team = new { id = TeamsActivities.TeamId },
        channel = new { id = TeamsActivities.ChannelConversationId },
    };

    private async Task SendOkAsync(BotProcess bot, Activity activity)
    {
        var (status, _) = await Send(bot, activity);
        Assert.True(status == HttpStatusCode.OK, $"{activity.Type} {activity.Name} answered {(int)status}.\n{bot.Output}");
    }

    private async Task<(HttpStatusCode Status, string Body)> Send(BotProcess bot, Activity activity)
    {
        using var response = await PostAsync(bot, activity);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> PostAsync(BotProcess bot, Activity activity)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bot.BaseAddress, "api/messages"))
        {
            Content = new StringContent(activity.ToJson(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _issuer.MintToken(AppId, activity.ServiceUrl!));
        return _http.SendAsync(request);
    }

    private async Task WaitForOutboxAsync()
    {
        await WaitForAsync(async () =>
        {
            await using var database = _database.OpenContext();
            return !await database.OutboundMessages.AnyAsync(m => m.State == OutboundState.Pending);
        }, TimeSpan.FromSeconds(60), "the outbox to drain");
    }

    private Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what) => WaitForAsync(() => Task.FromResult(condition()), timeout, what);

    private async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Timed out waiting for {what}.\n" + string.Join("\n", _bots.Select(b => $"--- {b.Name}\n{b.Output}")));
            await Task.Delay(100);
        }
    }
}
