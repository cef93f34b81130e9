using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Bot.Delivery;
using Bot.Persistence;
using Bot.Posts;
using Bot.Protocol.Builder;
using Bot.Protocol.Schema;
using Bot.Staffing;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests;

/// <summary>
/// Exactly-once effects and the outbox, through /api/messages and the fake connector: redeliveries, repeated clicks,
/// throttling, outages, hanging and refused connections, dead letters a coordinator sends again, and the serviceUrl
/// allow-list. The bot's clock is fake, so back-off is crossed by moving it, never by waiting.
/// </summary>
public sealed class DeliveryGuaranteeTests : IAsyncLifetime
{
    private const int MaxAttempts = 3;

    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Ben = TeamsActivities.Ben;
    private static readonly ChannelAccount Clara = TeamsActivities.Clara;

    private readonly int _deadPort = FreePort();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly BotApplication _bot;

    public DeliveryGuaranteeTests()
    {
        _bot = new BotApplication
        {
            Clock = _clock,
            Settings =
            {
                ["Delivery:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["TrustedServiceUrls:0"] = DeadServiceUrl,
            },
        };
    }

    private string DeadServiceUrl => $"http://127.0.0.1:{_deadPort}/";

    public async Task InitializeAsync()
    {
        await _bot.InitializeAsync();
        await _bot.InstallInTeamAsync(Anna, Anna, Ben, Clara);
        await SayAsync("add account instagram @contoso_de", Anna);
        await SayAsync("add account x @contoso", Anna);
        await SayAsync("role <at>Ben Wagner</at> editor", Anna, Ben);
        await SayAsync("role <at>Clara Vogel</at> reviewer", Anna, Clara);
        await SayAsync("assign <at>Clara Vogel</at> instagram", Anna, Clara);
        await SayAsync("who", Clara);
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Fact]
    public async Task The_same_message_posted_three_times_is_answered_once()
    {
        var before = _bot.Connector.Calls.Count;
        var command = _bot.Activities.ChannelCommand("add account tiktok @contoso_tt", Anna);

        for (var copy = 0; copy < 3; copy++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(command)).StatusCode);
        }

        Assert.Equal(1, await _bot.WithDatabaseAsync(db => db.SocialChannels.CountAsync(c => c.Platform == Platform.TikTok)));
        Assert.Single(_bot.Connector.Calls.Skip(before), c => c.Kind is CallKind.Send or CallKind.Reply);
    }

    [Fact]
    public async Task A_copy_arriving_while_the_first_is_still_running_has_no_effect_of_its_own()
    {
        var before = _bot.Connector.Calls.Count;
        var command = _bot.Activities.ChannelCommand("add account tiktok @contoso_slow", Anna);
        // The first copy's reply hangs, so its turn is still running (until the reply goes to the outbox) when the copy comes.
        _bot.Connector.HangNext();
        var attempts = _bot.Connector.Attempts;

        var firstCopy = _bot.SendAsync(command);
        await EventuallyAsync(() => Task.FromResult(_bot.Connector.Attempts > attempts), "the first copy's reply reaches the hanging connector");
        var secondCopy = _bot.SendAsync(command);
        var answers = await Task.WhenAll(firstCopy, secondCopy);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(1, await _bot.WithDatabaseAsync(db => db.SocialChannels.CountAsync(c => c.Platform == Platform.TikTok)));
        _clock.Advance(TimeSpan.FromSeconds(2));
        await _bot.OutboxSettledAsync();
        Assert.Single(_bot.Connector.Calls.Skip(before), c => c.Kind is CallKind.Send or CallKind.Reply);
    }

    [Fact]
    public async Task A_claim_left_by_an_instance_that_died_mid_turn_lapses_and_the_next_copy_runs_the_activity()
    {
        var command = _bot.Activities.ChannelCommand("add account tiktok @contoso_lapsed", Anna);
        await _bot.WithDatabaseAsync(async db =>
        {
            db.ProcessedActivities.Add(new ProcessedActivity
            {
                ChannelId = command.ChannelId!,
                ConversationId = command.Conversation!.Id!,
                ActivityId = command.Id!,
                State = ProcessedActivityState.Claimed,
                ClaimedUntil = _clock.GetUtcNow() - TimeSpan.FromSeconds(1),
                ProcessedAt = _clock.GetUtcNow() - TimeSpan.FromSeconds(31),
            });
            return await db.SaveChangesAsync();
        });
        var before = _bot.Connector.Calls.Count;

        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(command)).StatusCode);

        Assert.Equal(1, await _bot.WithDatabaseAsync(db => db.SocialChannels.CountAsync(c => c.Platform == Platform.TikTok)));
        Assert.Single(_bot.Connector.Calls.Skip(before), c => c.Kind is CallKind.Send or CallKind.Reply);
    }

    [Fact]
    public async Task A_turn_that_failed_gives_its_claim_up_so_that_teams_retry_is_answered()
    {
        var command = _bot.Activities.ChannelCommand("add account tiktok @contoso_retry", Anna);
        // A reply refused for good fails the turn (after its change was saved); Teams then sends the activity again.
        _bot.Connector.FailNext(403);
        Assert.Equal(HttpStatusCode.InternalServerError, (await _bot.SendAsync(command)).StatusCode);
        var before = _bot.Connector.Calls.Count;

        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(command)).StatusCode);

        Assert.Single(_bot.Connector.Calls.Skip(before), c => c.Kind is CallKind.Send or CallKind.Reply);
        Assert.Equal(1, await _bot.WithDatabaseAsync(db => db.SocialChannels.CountAsync(c => c.Platform == Platform.TikTok)));
    }

    [Fact]
    public async Task The_same_card_click_posted_three_times_decides_once_and_gets_the_same_answer()
    {
        var postId = await SubmittedPostAsync();
        var before = _bot.Connector.Calls.Count;
        var click = Action("post.approve", Clara, postId, revision: 1);

        var answers = new List<string>();
        for (var copy = 0; copy < 3; copy++)
        {
            var response = await _bot.SendAsync(click);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.All(answers, answer => Assert.Equal(answers[0], answer));
        Assert.Contains("Approved by Clara Vogel", answers[0], StringComparison.Ordinal);
        var post = await StoredPostAsync();
        Assert.Single(post.Decisions);
        Assert.Single(post.AuditTrail, e => e.Action == AuditAction.Approved);
        var calls = _bot.Connector.Calls.Skip(before).ToList();
        Assert.Single(calls, c => c.Kind == CallKind.Update);
        Assert.Single(calls, c => c.Kind == CallKind.Send && c.VisibleText.Contains("was approved by Clara Vogel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_click_redelivered_under_a_new_id_gets_the_current_card_and_changes_nothing()
    {
        var postId = await SubmittedPostAsync();
        var first = await InvokeAsync(Action("post.approve", Clara, postId, revision: 1));
        var outboxRows = await _bot.WithDatabaseAsync(db => db.OutboundMessages.CountAsync());
        var auditEntries = (await StoredPostAsync()).AuditTrail.Count;

        var redelivered = await InvokeAsync(Action("post.approve", Clara, postId, revision: 1));

        Assert.Equal(first, redelivered);
        Assert.DoesNotContain("Already decided", redelivered, StringComparison.Ordinal);
        var post = await StoredPostAsync();
        Assert.Single(post.Decisions);
        Assert.Equal(auditEntries, post.AuditTrail.Count);
        Assert.Equal(outboxRows, await _bot.WithDatabaseAsync(db => db.OutboundMessages.CountAsync()));
    }

    [Fact]
    public async Task A_throttled_approval_card_waits_for_retry_after_and_arrives_once()
    {
        var postId = await DraftAsync();
        var before = _bot.Connector.Calls.Count;
        _bot.Connector.FailNext(429, retryAfterSeconds: 30);

        await InvokeAsync(Action("post.submit", Ben, postId, revision: 0));
        Assert.Empty(ApprovalCardsSince(before));

        _clock.Advance(TimeSpan.FromSeconds(29));
        await _bot.OutboxSettledAsync();
        Assert.Empty(ApprovalCardsSince(before));

        _clock.Advance(TimeSpan.FromSeconds(1));
        await _bot.OutboxSettledAsync();
        Assert.Single(ApprovalCardsSince(before));
        var row = await ApprovalCardRowAsync(postId);
        Assert.Equal((OutboundState.Sent, 2), (row.State, row.Attempts));
    }

    [Fact]
    public async Task An_outage_and_a_hanging_connector_are_retried_with_back_off_until_the_card_arrives_once()
    {
        var postId = await DraftAsync();
        var before = _bot.Connector.Calls.Count;
        _bot.Connector.FailNext(503);
        _bot.Connector.HangNext();

        await InvokeAsync(Action("post.submit", Ben, postId, revision: 0));
        Assert.Equal("http-503", (await ApprovalCardRowAsync(postId)).LastError);

        var attempts = _bot.Connector.Attempts;
        _clock.Advance(TimeSpan.FromSeconds(2));
        await EventuallyAsync(() => Task.FromResult(_bot.Connector.Attempts > attempts), "the retry reaches the hanging connector");
        _clock.Advance(TimeSpan.FromSeconds(20));
        await EventuallyAsync(async () => (await ApprovalCardRowAsync(postId)).LastError == "timeout", "the hanging attempt times out");

        _clock.Advance(TimeSpan.FromSeconds(4));
        await _bot.OutboxSettledAsync();
        Assert.Single(ApprovalCardsSince(before));
        var row = await ApprovalCardRowAsync(postId);
        Assert.Equal((OutboundState.Sent, 3), (row.State, row.Attempts));
    }

    [Fact]
    public async Task A_refused_connection_is_retried_until_the_connector_is_back_and_the_note_arrives_once()
    {
        await StorePersonalChatAsync(Ben, DeadServiceUrl);

        await SayAsync("assign <at>Ben Wagner</at> x", Anna, Ben);
        var row = await NoteToAsync(Ben);
        Assert.Equal((OutboundState.Pending, "network"), (row.State, row.LastError));

        await using var revived = new FakeConnectorServer();
        await revived.StartAsync(_deadPort);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await _bot.OutboxSettledAsync();

        var note = Assert.Single(revived.Calls);
        Assert.Equal((CallKind.Send, "a:ben-elsewhere"), (note.Kind, note.ConversationId));
        Assert.Equal(OutboundState.Sent, (await NoteToAsync(Ben)).State);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_becomes_a_dead_letter_that_only_a_coordinator_sees_and_sends_again()
    {
        var postId = await DraftAsync();
        var before = _bot.Connector.Calls.Count;
        _bot.Connector.FailNext(503, times: MaxAttempts);
        await InvokeAsync(Action("post.submit", Ben, postId, revision: 0));
        for (var attempt = 1; attempt < MaxAttempts; attempt++)
        {
            _clock.Advance(TimeSpan.FromMinutes(5));
            await _bot.OutboxSettledAsync();
        }

        var dead = await ApprovalCardRowAsync(postId);
        Assert.Equal((OutboundState.DeadLetter, MaxAttempts), (dead.State, dead.Attempts));
        Assert.Empty(ApprovalCardsSince(before));

        Assert.Equal("Only coordinators can do that. Your role in this team: editor.", await SayForTextAsync("failed deliveries", Ben));
        var list = await SayForTextAsync("failed deliveries", Anna);
        Assert.Contains("approval card", list, StringComparison.Ordinal);
        Assert.Contains($"{MaxAttempts} attempts, last: http-503", list, StringComparison.Ordinal);
        Assert.Contains("Freigabekarte", await SayForTextAsync("fehlgeschlagene zustellungen", Anna, "de-DE"), StringComparison.Ordinal);

        var forged = await InvokeAsync(RetryAction(Ben, dead.Id));
        Assert.Contains("Only coordinators", forged, StringComparison.Ordinal);
        Assert.Equal(OutboundState.DeadLetter, (await ApprovalCardRowAsync(postId)).State);

        var retried = await InvokeAsync(RetryAction(Anna, dead.Id));
        Assert.Contains("Queued again", retried, StringComparison.Ordinal);
        await _bot.OutboxSettledAsync();
        Assert.Single(ApprovalCardsSince(before));
        Assert.Equal(OutboundState.Sent, (await ApprovalCardRowAsync(postId)).State);
        Assert.Contains("That message is not among this", await InvokeAsync(RetryAction(Anna, dead.Id)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_conversation_on_a_service_url_never_seen_authenticated_is_never_called()
    {
        await using var stranger = new FakeConnectorServer();
        await stranger.StartAsync();
        await StorePersonalChatAsync(Ben, stranger.ServiceUrl);

        await SayAsync("assign <at>Ben Wagner</at> x", Anna, Ben);

        Assert.Equal(0, stranger.Attempts);
        var row = await NoteToAsync(Ben);
        Assert.Equal((OutboundState.DeadLetter, "untrusted-service-url"), (row.State, row.LastError));
        var learned = await _bot.WithDatabaseAsync(db => db.TrustedServiceUrls.Select(t => t.Origin).ToListAsync());
        Assert.Equal([_bot.Connector.ServiceUrl.TrimEnd('/')], learned);
    }

    [Fact]
    public async Task A_backlog_in_one_busy_conversation_does_not_hold_up_a_note_to_someone_else()
    {
        var before = _bot.Connector.Calls.Count;
        await _bot.WithDatabaseAsync(async db =>
        {
            var team = await db.Teams.SingleAsync();
            await using var scope = _bot.Services.CreateAsyncScope();
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            // More than one pass of the worker takes, all into the team channel, which is paced to one a second.
            for (var i = 0; i < 150; i++)
            {
                var number = i;
                await notifier.TellTeamAsync(team, _bot.Connector.ServiceUrl, () => $"busy {number}", default);
            }

            await notifier.TellPersonByIdAsync(team, Clara.AadObjectId!, () => "for Clara", default);
            return true;
        });

        // The clock stands still: only the channel's burst may go, and Clara's note, which waits for nobody.
        await EventuallyAsync(() => Task.FromResult(_bot.Connector.Calls.Skip(before).Any(c => c.VisibleText == "for Clara")), "the note to Clara");
        var busy = _bot.Connector.Calls.Skip(before).Select(c => c.VisibleText).Where(t => t.StartsWith("busy ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"busy {i}"), busy);

        _clock.Advance(TimeSpan.FromSeconds(3));
        await EventuallyAsync(() => Task.FromResult(_bot.Connector.Calls.Skip(before).Count(c => c.VisibleText.StartsWith("busy ", StringComparison.Ordinal)) == 10), "the channel's next three, in order");
        Assert.Equal(
            Enumerable.Range(0, 10).Select(i => $"busy {i}"),
            _bot.Connector.Calls.Skip(before).Select(c => c.VisibleText).Where(t => t.StartsWith("busy ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Card_updates_waiting_behind_their_paced_first_send_neither_hold_up_a_note_to_someone_else_nor_overtake_it()
    {
        var before = _bot.Connector.Calls.Count;
        const int Cards = 110;
        await _bot.WithDatabaseAsync(async db =>
        {
            var team = await db.Teams.SingleAsync();
            var channel = await db.Conversations.AsNoTracking().SingleAsync(c => c.ConversationId == (team.HomeTeamsChannelId ?? team.TeamId));
            await using var scope = _bot.Services.CreateAsyncScope();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            // Every card is posted, then updated; the channel is paced to one a second, so more than a pass's worth of
            // updates wait for a first send that has not gone yet.
            foreach (var state in new[] { "posted", "updated" })
            {
                for (var i = 0; i < Cards; i++)
                {
                    outbox.ToConversation(OutboundKinds.TeamNote, team.TeamId, team.TenantId, channel.ServiceUrl, channel.ConversationId, MessageFactory.Text($"card {i} {state}"), slot: $"test-card:{i}");
                }
            }

            await scope.ServiceProvider.GetRequiredService<BotDbContext>().SaveChangesAsync();
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            await notifier.TellPersonByIdAsync(team, Clara.AadObjectId!, () => "for Clara", default);
            return true;
        });

        // The clock stands still: only the channel's burst of seven may go, and Clara's note, which waits for nobody.
        await EventuallyAsync(() => Task.FromResult(_bot.Connector.Calls.Skip(before).Any(c => c.VisibleText == "for Clara")), "the note to Clara");
        var cards = _bot.Connector.Calls.Skip(before).Select(c => c.VisibleText).Where(t => t.StartsWith("card ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"card {i} posted"), cards);

        // Once the channel's turns come, each card's update follows its own first send, as an update in place.
        int CardCalls() => _bot.Connector.Calls.Skip(before).Count(c => c.VisibleText.StartsWith("card ", StringComparison.Ordinal));
        for (var second = 0; second < 4 * Cards && CardCalls() < 2 * Cards; second += 7)
        {
            _clock.Advance(TimeSpan.FromSeconds(7));
            await _bot.OutboxSettledAsync();
        }

        var calls = _bot.Connector.Calls.Skip(before).Where(c => c.VisibleText.StartsWith("card ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2 * Cards, calls.Count);
        for (var i = 0; i < Cards; i++)
        {
            var posted = calls.FindIndex(c => c.VisibleText == $"card {i} posted");
            var updated = calls.FindIndex(c => c.VisibleText == $"card {i} updated");
            Assert.True(posted >= 0 && posted < updated, $"card {i}: posted at {posted}, updated at {updated}");
            Assert.Equal((CallKind.Send, CallKind.Update), (calls[posted].Kind, calls[updated].Kind));
            Assert.Equal(calls[posted].AssignedId, calls[updated].ActivityId);
        }
    }

    [Fact]
    public async Task Notes_into_one_conversation_are_paced_after_a_burst_of_seven()
    {
        var before = _bot.Connector.Calls.Count;
        await _bot.WithDatabaseAsync(async db =>
        {
            var team = await db.Teams.SingleAsync();
            await using var scope = _bot.Services.CreateAsyncScope();
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            for (var i = 0; i < 10; i++)
            {
                var number = i;
                await notifier.TellTeamAsync(team, _bot.Connector.ServiceUrl, () => $"note {number}", default);
            }

            return true;
        });

        int Notes() => _bot.Connector.Calls.Skip(before).Count(c => c.VisibleText.StartsWith("note ", StringComparison.Ordinal));
        await EventuallyAsync(() => Task.FromResult(Notes() == 7), "the burst of seven goes out at once");
        _clock.Advance(TimeSpan.FromSeconds(1));
        await EventuallyAsync(() => Task.FromResult(Notes() == 8), "one more a second later");
        _clock.Advance(TimeSpan.FromSeconds(2));
        await _bot.OutboxSettledAsync();
        Assert.Equal(10, Notes());
        Assert.Equal(
            Enumerable.Range(0, 10).Select(i => $"note {i}"),
            _bot.Connector.Calls.Skip(before).Select(c => c.VisibleText).Where(t => t.StartsWith("note ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Processed_ids_and_sent_messages_are_forgotten_after_the_retention_window()
    {
        var command = _bot.Activities.ChannelCommand("add account tiktok @contoso_tt", Anna);
        await _bot.SendAsync(command);
        await _bot.OutboxSettledAsync();
        Assert.True(await _bot.WithDatabaseAsync(db => db.ProcessedActivities.AnyAsync(p => p.ActivityId == command.Id)));
        var sentBefore = await _bot.WithDatabaseAsync(db => db.OutboundMessages.Where(m => m.State == OutboundState.Sent).Select(m => m.Id).ToListAsync());
        Assert.NotEmpty(sentBefore);

        // The hourly cleanup runs on the same clock; calling it directly as well makes the outcome independent of it.
        _clock.Advance(TimeSpan.FromHours(47));
        await PurgeAsync();
        Assert.True(await _bot.WithDatabaseAsync(db => db.ProcessedActivities.AnyAsync(p => p.ActivityId == command.Id)));
        _clock.Advance(TimeSpan.FromHours(2));
        await PurgeAsync();

        Assert.False(await _bot.WithDatabaseAsync(db => db.ProcessedActivities.AnyAsync()));
        // The morning digests of the two days went out meanwhile and are younger than the window.
        Assert.False(await _bot.WithDatabaseAsync(db => db.OutboundMessages.AnyAsync(m => sentBefore.Contains(m.Id))));
    }

    private async Task<int> PurgeAsync()
    {
        await using var scope = _bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeliveryCleanup>().PurgeAsync(default);
    }

    private IReadOnlyList<ConnectorCall> ApprovalCardsSince(int before) =>
        [.. _bot.Connector.Calls.Skip(before).Where(c => c.Kind == CallKind.Send && c.ConversationId == TeamsActivities.ChannelConversationId && c.VisibleText.Contains("Frühlingsaktion", StringComparison.Ordinal))];

    private Task<OutboundMessage> ApprovalCardRowAsync(Guid postId) =>
        _bot.WithDatabaseAsync(db => db.OutboundMessages.AsNoTracking().SingleAsync(m => m.Slot == ApprovalCardSlot.For(postId)));

    private Task<OutboundMessage> NoteToAsync(ChannelAccount person) =>
        _bot.WithDatabaseAsync(db => db.OutboundMessages.AsNoTracking().Where(m => m.RecipientAadObjectId == person.AadObjectId).OrderByDescending(m => m.Id).FirstAsync());

    /// <summary>The person's personal chat as the bot knows it from earlier, on <paramref name="serviceUrl"/>.</summary>
    private Task StorePersonalChatAsync(ChannelAccount person, string serviceUrl) => _bot.WithDatabaseAsync(async db =>
    {
        await db.Conversations.Where(c => c.UserAadObjectId == person.AadObjectId).ExecuteDeleteAsync();
        db.Conversations.Add(new ConversationRecord
        {
            ConversationId = "a:ben-elsewhere",
            ChannelId = Channels.Msteams,
            ServiceUrl = serviceUrl,
            ConversationType = ConversationTypes.Personal,
            TenantId = TeamsActivities.TenantId,
            UserId = person.Id,
            UserAadObjectId = person.AadObjectId,
            FirstSeenAt = _clock.GetUtcNow(),
            LastSeenAt = _clock.GetUtcNow(),
        });
        return await db.SaveChangesAsync();
    });

    private async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var signal = _bot.Services.GetRequiredService<OutboxSignal>();
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "Timed out waiting until " + what);
            signal.Notify();
            await Task.Delay(10);
        }
    }

    private async Task<Guid> DraftAsync()
    {
        await SayAsync("new post", Ben);
        var channels = await _bot.WithDatabaseAsync(db => db.SocialChannels.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        var create = _bot.Activities.CardAction("post.create", new
        {
            title = "Frühlingsaktion",
            text = "Der Frühling ist da: 20 % auf alles im Shop.",
            socialChannels = string.Join(",", channels),
            plannedDate = "2026-11-25",
            plannedTime = "10:30",
        }, inChannel: true);
        create.From = Ben;
        create.ChannelData = TeamChannelData();
        await InvokeAsync(create);
        return (await StoredPostAsync()).Id;
    }

    private async Task<Guid> SubmittedPostAsync()
    {
        var postId = await DraftAsync();
        await InvokeAsync(Action("post.submit", Ben, postId, revision: 0));
        Assert.Equal(PostStatus.InReview, (await StoredPostAsync()).Status);
        return postId;
    }

    private Activity Action(string verb, ChannelAccount from, Guid postId, int revision)
    {
        var activity = _bot.Activities.CardAction(verb, new { postId = postId.ToString("D"), revision = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) }, inChannel: true);
        activity.From = from;
        activity.ChannelData = TeamChannelData();
        return activity;
    }

    private Activity RetryAction(ChannelAccount from, long messageId)
    {
        var activity = _bot.Activities.CardAction("delivery.retry", new { messageId = messageId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, inChannel: true);
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

    /// <summary>The invoke's HTTP body as text; it must be a 200 with a card or a message.</summary>
    private async Task<string> InvokeAsync(Activity activity)
    {
        var response = await _bot.SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, JsonDocument.Parse(body).RootElement.GetProperty("statusCode").GetInt32());
        return body;
    }

    private async Task SayAsync(string command, ChannelAccount from, params ChannelAccount[] mentioned)
    {
        var response = await _bot.SendAsync(_bot.Activities.ChannelCommand(command, from, mentioned));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string> SayForTextAsync(string command, ChannelAccount from, string locale = "en-US")
    {
        var before = _bot.Connector.Calls.Count;
        var response = await _bot.SendAsync(_bot.Activities.ChannelCommand(command, from, locale: locale));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return _bot.Connector.Calls.Skip(before).First(c => c.Kind is CallKind.Send or CallKind.Reply).VisibleText;
    }

    private Task<Post> StoredPostAsync() => _bot.WithDatabaseAsync(db => db.Posts.AsNoTracking().SingleAsync());

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
