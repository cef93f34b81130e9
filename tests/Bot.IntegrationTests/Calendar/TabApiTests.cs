using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.IntegrationTests.Reminders;
using Bot.Posts;
using Bot.Reminders;
using Bot.Teams;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests.Calendar;

/// <summary>
/// Issue 19: the calendar tab's API, signed in with Entra ID tokens from a local fake Entra issuer (real OpenID metadata,
/// real JWKS, real RS256 signatures), on the real bot with its real database. The team is set up through chat turns:
/// Anna coordinates, Ben writes, Clara reviews and owns Instagram, Dora only views.
/// </summary>
public sealed class TabApiTests : IAsyncLifetime
{
    private const string Domain = "bot.contoso.test";

    // Monday 22 March 2027, 09:00 in Berlin (still winter time); the clocks go forward on Sunday 28 March at 02:00.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 3, 22, 8, 0, 0, TimeSpan.Zero));
    private readonly FakeEntraIssuer _entra = new() { TenantId = TeamsActivities.TenantId };
    private ReminderWorld _world = null!;

    private static string Audience => FakeEntraIssuer.TabAudience(Domain, BotApplication.AppId);

    private BotApplication Bot => _world.Bot;

    public async Task InitializeAsync()
    {
        await _entra.StartAsync();
        _world = new ReminderWorld(new BotApplication
        {
            Clock = _clock,
            Settings = new() { ["Tab:Authority"] = _entra.Authority, ["Tab:Domain"] = Domain },
        });
        await Bot.InitializeAsync();
        await _world.SetUpTeamAsync();
        await _world.SayAsync("role <at>Dora Klein</at> viewer", ReminderWorld.Anna, ReminderWorld.Dora);
        await _world.SayAsync("goal instagram 3/week", ReminderWorld.Anna);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await ((IAsyncLifetime)Bot).DisposeAsync();
        await _entra.DisposeAsync();
    }

    [Fact]
    public async Task Posts_sit_on_their_local_day_and_time_in_the_teams_zone_on_both_sides_of_the_DST_change()
    {
        var winter = await SubmittedPostAsync("Frühlingsaktion", "2027-03-26", "10:00");
        var summer = await SubmittedPostAsync("Sonntagsgruß", "2027-03-28", "23:30");

        var calendar = await GetJsonAsync(ReminderWorld.Ben, $"/api/tab/calendar?from=2027-03-22&to=2027-04-04&team={Team}");

        var posts = calendar.GetProperty("posts").EnumerateArray().ToList();
        Assert.Equal([winter.ToString("D"), summer.ToString("D")], posts.Select(p => p.GetProperty("id").GetString()));
        Assert.Equal("2027-03-26T10:00:00+01:00", posts[0].GetProperty("plannedAt").GetString());
        Assert.Equal("2027-03-26", posts[0].GetProperty("localDate").GetString());
        Assert.Equal("10:00", posts[0].GetProperty("localTime").GetString());
        // 21:30 UTC: after the change that is 23:30 on the same Sunday, not 22:30.
        Assert.Equal("2027-03-28T23:30:00+02:00", posts[1].GetProperty("plannedAt").GetString());
        Assert.Equal("2027-03-28", posts[1].GetProperty("localDate").GetString());
        Assert.Equal("23:30", posts[1].GetProperty("localTime").GetString());
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 21, 30, 0, TimeSpan.Zero), await PlannedAtAsync(summer));

        var first = posts[0];
        Assert.Equal("inReview", first.GetProperty("state").GetString());
        Assert.Equal(["Instagram"], first.GetProperty("platforms").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(await InstagramIdAsync(), Assert.Single(first.GetProperty("socialChannelIds").EnumerateArray().ToList()).GetInt32());
        Assert.Equal("Ben Wagner", first.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal(ReminderWorld.Ben.AadObjectId, first.GetProperty("author").GetProperty("id").GetString());
        Assert.True(first.GetProperty("canMove").GetBoolean());

        // A week later the first slot has passed without approval: missed.
        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 27, 8, 0, 0, TimeSpan.Zero));
        var later = await GetJsonAsync(ReminderWorld.Ben, $"/api/tab/calendar?from=2027-03-22&to=2027-03-28&team={Team}");
        Assert.Equal("missed", later.GetProperty("posts")[0].GetProperty("state").GetString());
        Assert.Equal("inReview", later.GetProperty("posts")[1].GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_lane_shows_its_weekly_goal_against_the_plan_and_marks_the_working_days_of_a_short_week_as_gaps()
    {
        await SubmittedPostAsync("Frühlingsaktion", "2027-03-24", "10:00");
        await SubmittedPostAsync("Wochenende", "2027-03-26", "16:00");
        await DraftAsync("Nur ein Entwurf", "2027-03-23", "09:00");

        var calendar = await GetJsonAsync(ReminderWorld.Anna, $"/api/tab/calendar?from=2027-03-22&to=2027-04-04&team={Team}");

        var lane = Assert.Single(calendar.GetProperty("lanes").EnumerateArray().ToList());
        Assert.Equal(await InstagramIdAsync(), lane.GetProperty("socialChannelId").GetInt32());
        Assert.Equal("Instagram", lane.GetProperty("platform").GetString());
        Assert.Equal(3, lane.GetProperty("goalPerWeek").GetInt32());
        var weeks = lane.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal(["2027-03-22", "2027-03-29"], weeks.Select(w => w.GetProperty("weekStart").GetString()));
        // The draft is no plan anyone can rely on, as in the digest's "behind the weekly goal".
        Assert.Equal([2, 0], weeks.Select(w => w.GetProperty("planned").GetInt32()));
        Assert.Equal(
            ["2027-03-22", "2027-03-23", "2027-03-25", "2027-03-29", "2027-03-30", "2027-03-31", "2027-04-01", "2027-04-02"],
            lane.GetProperty("gapDays").EnumerateArray().Select(d => d.GetString()));

        await SubmittedPostAsync("Dritter Beitrag", "2027-03-25", "12:00");
        var full = await GetJsonAsync(ReminderWorld.Anna, $"/api/tab/calendar?from=2027-03-22&to=2027-03-28&team={Team}");
        var fullLane = full.GetProperty("lanes")[0];
        Assert.Equal(3, fullLane.GetProperty("weeks")[0].GetProperty("planned").GetInt32());
        Assert.Empty(fullLane.GetProperty("gapDays").EnumerateArray());
    }

    [Fact]
    public async Task An_editor_moves_her_own_post_and_the_approval_card_reminders_and_audit_follow_as_in_the_chat()
    {
        var postId = await SubmittedPostAsync("Frühlingsaktion", "2027-03-26", "10:00");
        var card = await Bot.WithDatabaseAsync(db => db.PostApprovalMessages.AsNoTracking().SingleAsync(m => m.PostId == postId));
        var callsBefore = Bot.Connector.Calls.Count;

        using var response = await MoveAsync(ReminderWorld.Ben, postId, "2027-03-30", "11:00");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var moved = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2027-03-30T11:00:00+02:00", moved.GetProperty("plannedAt").GetString());
        Assert.Equal("2027-03-30", moved.GetProperty("localDate").GetString());
        Assert.Equal("11:00", moved.GetProperty("localTime").GetString());
        var newTime = new DateTimeOffset(2027, 3, 30, 9, 0, 0, TimeSpan.Zero);
        var post = await Bot.WithDatabaseAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == postId));
        Assert.Equal(newTime, post.PlannedPublishAt);
        Assert.Equal(PostStatus.InReview, post.Status);
        var audit = post.AuditTrail.OrderBy(e => e.Sequence).Last();
        Assert.Equal(AuditAction.Rescheduled, audit.Action);
        Assert.Equal(ReminderWorld.Ben.AadObjectId, audit.ActorAadObjectId);
        // The reminders are planned just after the move, outside the request.
        await Bot.RemindersSettledAsync();
        Assert.Contains(new PlannedReminder(postId, PostReminder.PlannedTime, newTime), await _world.PlannedAsync(postId));
        Assert.DoesNotContain(await _world.PlannedAsync(postId), r => r.Kind == PostReminder.PlannedTime && r.At != newTime);

        await Bot.OutboxSettledAsync();
        var update = Assert.Single(Bot.Connector.Calls.Skip(callsBefore), c => c.Kind == CallKind.Update);
        Assert.Equal(card.ActivityId, update.ActivityId);
        Assert.Contains("Mar 30, 2027 at 11:00", update.Body!.Value.GetRawText(), StringComparison.Ordinal);
        // Ben moved his own post: nobody needs telling.
        Assert.DoesNotContain(Bot.Connector.Calls.Skip(callsBefore), c => c.Kind == CallKind.Send && c.Activity?.Text?.Contains("moved your post", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task When_the_coordinator_moves_an_editors_post_the_author_is_told_in_the_tab_and_in_the_chat_alike()
    {
        var postId = await SubmittedPostAsync("Frühlingsaktion", "2027-03-26", "10:00");

        using var fromTab = await MoveAsync(ReminderWorld.Anna, postId, "2027-03-29", "09:15");
        Assert.Equal(HttpStatusCode.OK, fromTab.StatusCode);
        await Bot.OutboxSettledAsync();
        Assert.Contains(Bot.Connector.Calls, c => c.Kind == CallKind.Send && c.Activity?.Text == "Anna Schmidt moved your post \"Frühlingsaktion\" to Mar 29, 2027 at 09:15.");

        var before = Bot.Connector.Calls.Count;
        await _world.InvokeAsync(_world.Action("post.moveSlot", ReminderWorld.Anna, postId, new() { ["newDate"] = "2027-03-31", ["newTime"] = "08:00" }));
        await Bot.OutboxSettledAsync();
        var chatCalls = Bot.Connector.Calls.Skip(before).ToList();
        Assert.Contains(chatCalls, c => c.Kind == CallKind.Send && c.Activity?.Text == "Anna Schmidt moved your post \"Frühlingsaktion\" to Mar 31, 2027 at 08:00.");
        Assert.Contains(chatCalls, c => c.Kind == CallKind.Update && c.Body!.Value.GetRawText().Contains("Mar 31, 2027 at 08:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_viewer_sees_the_post_but_cannot_move_it_and_is_told_so_in_German()
    {
        var postId = await SubmittedPostAsync("Frühlingsaktion", "2027-03-26", "10:00");

        var teams = await GetJsonAsync(ReminderWorld.Dora, "/api/tab/teams");
        var team = Assert.Single(teams.EnumerateArray().ToList());
        Assert.Equal("viewer", team.GetProperty("role").GetString());
        Assert.Equal("Europe/Berlin", team.GetProperty("timeZone").GetString());
        var calendar = await GetJsonAsync(ReminderWorld.Dora, $"/api/tab/calendar?from=2027-03-22&to=2027-03-28&team={Team}");
        Assert.False(Assert.Single(calendar.GetProperty("posts").EnumerateArray().ToList()).GetProperty("canMove").GetBoolean());
        var details = await GetJsonAsync(ReminderWorld.Dora, $"/api/tab/posts/{postId}");
        Assert.False(details.GetProperty("canMove").GetBoolean());

        using var english = await MoveAsync(ReminderWorld.Dora, postId, "2027-03-30", "11:00");
        using var german = await MoveAsync(ReminderWorld.Dora, postId, "2027-03-30", "11:00", "de-DE");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, english.StatusCode);
        Assert.Equal("Only the author can do that.", (await english.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, german.StatusCode);
        Assert.Equal("Das kann nur, wer den Beitrag geschrieben hat.", (await german.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        Assert.Equal(new DateTimeOffset(2027, 3, 26, 9, 0, 0, TimeSpan.Zero), await PlannedAtAsync(postId));
    }

    [Fact]
    public async Task Moves_the_chat_would_refuse_are_refused_with_its_words_and_a_time_the_clocks_skip_is_named()
    {
        var postId = await SubmittedPostAsync("Frühlingsaktion", "2027-03-26", "10:00");

        using var past = await MoveAsync(ReminderWorld.Ben, postId, "2027-03-21", "10:00", "de");
        using var skipped = await MoveAsync(ReminderWorld.Ben, postId, "2027-03-28", "02:30");
        using var same = await MoveAsync(ReminderWorld.Ben, postId, "2027-03-26", "10:00");
        using var malformed = await MoveAsync(ReminderWorld.Ben, postId, "next friday", "10:00");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.Equal("Die geplante Zeit muss in der Zukunft liegen.", (await past.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, skipped.StatusCode);
        Assert.Equal("There is no 02:30 on Mar 28, 2027 in Europe/Berlin: the clocks go forward then. Please pick another time.", (await skipped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, same.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(new DateTimeOffset(2027, 3, 26, 9, 0, 0, TimeSpan.Zero), await PlannedAtAsync(postId));
    }

    [Fact]
    public async Task The_details_carry_texts_reviewers_decisions_comments_and_the_link_to_the_approval_card()
    {
        var postId = await SubmittedPostAsync("Frühlingsaktion", "2027-03-26", "10:00");
        await _world.InvokeAsync(_world.Action("post.requestChanges", ReminderWorld.Clara, postId, new() { ["revision"] = "1", ["comment"] = "Bitte den Preis nennen." }));
        var card = await Bot.WithDatabaseAsync(db => db.PostApprovalMessages.AsNoTracking().SingleAsync(m => m.PostId == postId));

        var details = await GetJsonAsync(ReminderWorld.Ben, $"/api/tab/posts/{postId}");

        Assert.Equal("Frühlingsaktion", details.GetProperty("title").GetString());
        Assert.Equal("changesRequested", details.GetProperty("state").GetString());
        Assert.Equal("2027-03-26T10:00:00+01:00", details.GetProperty("plannedAt").GetString());
        var variant = Assert.Single(details.GetProperty("variants").EnumerateArray().ToList());
        Assert.Equal("Der Frühling ist da: 20 % auf alles im Shop.", variant.GetProperty("text").GetString());
        Assert.Equal("Instagram", variant.GetProperty("platform").GetString());
        var reviewer = Assert.Single(details.GetProperty("reviewers").EnumerateArray().ToList());
        Assert.Equal("Clara Vogel", reviewer.GetProperty("name").GetString());
        Assert.Equal("review", reviewer.GetProperty("level").GetString());
        var decision = Assert.Single(details.GetProperty("decisions").EnumerateArray().ToList());
        Assert.Equal("Clara Vogel", decision.GetProperty("by").GetString());
        Assert.Equal("changesRequested", decision.GetProperty("decision").GetString());
        Assert.Equal("Bitte den Preis nennen.", decision.GetProperty("comment").GetString());
        Assert.Equal(
            $"https://teams.microsoft.com/l/message/{Uri.EscapeDataString(card.ConversationId)}/{Uri.EscapeDataString(card.ActivityId)}?parentMessageId={Uri.EscapeDataString(card.ActivityId)}&tenantId={TeamsActivities.TenantId}",
            details.GetProperty("approvalCardUrl").GetString());
        Assert.True(details.GetProperty("canMove").GetBoolean());

        // The default level is stored as "review"; a German reader sees it worded as in the chat.
        using var german = await SendAsync(ReminderWorld.Ben, HttpMethod.Get, $"/api/tab/posts/{postId}", language: "de");
        var germanDetails = await german.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Prüfung", Assert.Single(germanDetails.GetProperty("reviewers").EnumerateArray().ToList()).GetProperty("level").GetString());
    }

    [Fact]
    public async Task Someone_from_another_team_sees_nothing_of_this_one_and_cannot_move_its_posts()
    {
        var postId = await SubmittedPostAsync("Frühlingsaktion", "2027-03-26", "10:00");
        var eve = new Protocol.Schema.ChannelAccount("29:1eve", "Eve Berger", "5d1f0c4e-9a8b-4c7d-8e6f-1a2b3c4d5e6f");
        await Bot.WithDatabaseAsync(async db =>
        {
            db.Teams.Add(new Team { TeamId = "19:other-team@thread.tacv2", Name = "Vertrieb", TenantId = TeamsActivities.TenantId, CreatedAt = _clock.GetUtcNow() });
            db.TeamMemberships.Add(new TeamMembership { TeamId = "19:other-team@thread.tacv2", AadObjectId = eve.AadObjectId!, Role = TeamRole.Coordinator, Since = _clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });

        var teams = await GetJsonAsync(eve, "/api/tab/teams");
        var myPlan = await GetJsonAsync(eve, "/api/tab/calendar?from=2027-03-22&to=2027-03-28");
        using var calendar = await SendAsync(eve, HttpMethod.Get, $"/api/tab/calendar?from=2027-03-22&to=2027-03-28&team={Uri.EscapeDataString(TeamsActivities.TeamId)}");
        using var details = await SendAsync(eve, HttpMethod.Get, $"/api/tab/posts/{postId}");
        using var move = await MoveAsync(eve, postId, "2027-03-30", "11:00");
        var nobody = new Protocol.Schema.ChannelAccount("29:1nobody", "Niemand", "7e2a1b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b");
        var nobodysTeams = await GetJsonAsync(nobody, "/api/tab/teams");

        Assert.Equal(["19:other-team@thread.tacv2"], teams.EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Empty(myPlan.GetProperty("posts").EnumerateArray());
        Assert.Empty(myPlan.GetProperty("lanes").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, calendar.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, move.StatusCode);
        Assert.Equal(new DateTimeOffset(2027, 3, 26, 9, 0, 0, TimeSpan.Zero), await PlannedAtAsync(postId));
        Assert.Empty(nobodysTeams.EnumerateArray());
        Assert.DoesNotContain("Frühlingsaktion", await details.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_signed_in_from_another_tenant_does_not_see_the_team()
    {
        var foreignTenant = "11111111-2222-4333-8444-555555555555";
        // Same keys, same issuer host, but the other tenant's issuer: this bot's authority does not accept it.
        var token = _entra.MintToken(ReminderWorld.Ben.AadObjectId!, Audience, new EntraTokenOptions { TenantId = foreignTenant, IssuedAt = _clock.GetUtcNow() });

        using var response = await SendWithTokenAsync(token, HttpMethod.Get, "/api/tab/teams");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("expired")]
    [InlineData("not-yet-valid")]
    [InlineData("wrong-audience")]
    [InlineData("wrong-issuer")]
    [InlineData("no-oid")]
    [InlineData("unsigned")]
    [InlineData("garbage")]
    [InlineData("none")]
    public async Task A_bad_token_gets_401_and_no_hint_why(string kind)
    {
        var now = _clock.GetUtcNow();
        var ben = ReminderWorld.Ben.AadObjectId!;
        string? token = kind switch
        {
            "forged" => _entra.MintToken(ben, Audience, new EntraTokenOptions { Forged = true, IssuedAt = now }),
            "expired" => _entra.MintToken(ben, Audience, new EntraTokenOptions { IssuedAt = now.AddHours(-2), Expires = now.AddMinutes(-10) }),
            "not-yet-valid" => _entra.MintToken(ben, Audience, new EntraTokenOptions { IssuedAt = now, NotBefore = now.AddMinutes(30), Expires = now.AddHours(2) }),
            "wrong-audience" => _entra.MintToken(ben, "api://elsewhere.example/" + BotApplication.AppId, new EntraTokenOptions { IssuedAt = now }),
            "wrong-issuer" => _entra.MintToken(ben, Audience, new EntraTokenOptions { Issuer = "https://login.microsoftonline.com/" + TeamsActivities.TenantId + "/v2.0", IssuedAt = now }),
            "no-oid" => _entra.MintToken(ben, Audience, new EntraTokenOptions { OmitObjectId = true, IssuedAt = now }),
            "unsigned" => _entra.MintToken(ben, Audience, new EntraTokenOptions { Algorithm = "none", IssuedAt = now }),
            "garbage" => "not-a-token",
            _ => null,
        };

        using var response = token is null
            ? await SendRawAsync(HttpMethod.Get, "/api/tab/teams")
            : await SendWithTokenAsync(token, HttpMethod.Get, "/api/tab/teams");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        // The same token is fine when it is a good one: the refusal is the token's fault, not the setup's.
        using var good = await SendAsync(ReminderWorld.Ben, HttpMethod.Get, "/api/tab/teams");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task The_bare_app_id_is_an_accepted_audience_and_the_channel_endpoint_keeps_its_own_sign_in()
    {
        var token = _entra.MintToken(ReminderWorld.Ben.AadObjectId!, BotApplication.AppId, new EntraTokenOptions { IssuedAt = _clock.GetUtcNow() });

        using var tab = await SendWithTokenAsync(token, HttpMethod.Get, "/api/tab/teams");
        using var client = Bot.CreateClient();
        using var messages = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(Bot.Activities.PersonalMessage("help").ToJson(), System.Text.Encoding.UTF8, "application/json") };
        messages.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var messagesWithTabToken = await client.SendAsync(messages);

        Assert.Equal(HttpStatusCode.OK, tab.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, messagesWithTabToken.StatusCode);
    }

    [Fact]
    public async Task With_an_app_id_the_sign_in_is_Entra_and_there_is_no_development_token_even_on_loopback()
    {
        var mode = await Bot.Server.SendAsync(c => Request(c, IPAddress.Loopback, "GET", "/api/tab/auth-mode"));
        var devToken = await Bot.Server.SendAsync(c => Request(c, IPAddress.Loopback, "POST", "/api/tab/dev-token", $"{{\"id\":\"{ReminderWorld.Ben.AadObjectId}\"}}"));

        Assert.Equal(200, mode.Response.StatusCode);
        Assert.Equal("{\"mode\":\"entra\"}", await new StreamReader(mode.Response.Body).ReadToEndAsync());
        Assert.Equal(404, devToken.Response.StatusCode);
    }

    [Fact]
    public async Task Calendar_requests_with_bad_dates_are_400()
    {
        foreach (var query in new[] { "from=2027-03-22", "from=22.03.2027&to=28.03.2027", "from=2027-03-28&to=2027-03-22", "from=2027-01-01&to=2027-03-31" })
        {
            using var response = await SendAsync(ReminderWorld.Ben, HttpMethod.Get, "/api/tab/calendar?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    private static string Team => Uri.EscapeDataString(TeamsActivities.TeamId);

    private Task<int> InstagramIdAsync() => Bot.WithDatabaseAsync(db => db.SocialChannels.Select(c => c.Id).SingleAsync());

    private Task<DateTimeOffset?> PlannedAtAsync(Guid postId) =>
        Bot.WithDatabaseAsync(db => db.Posts.AsNoTracking().Where(p => p.Id == postId).Select(p => p.PlannedPublishAt).SingleAsync());

    /// <summary>Ben drafts a post for Instagram through the chat's form, planned at a Berlin date and time, and submits it.</summary>
    private async Task<Guid> SubmittedPostAsync(string title, string plannedDate, string plannedTime)
    {
        var postId = await DraftAsync(title, plannedDate, plannedTime);
        await _world.InvokeAsync(_world.Action("post.submit", ReminderWorld.Ben, postId, new() { ["revision"] = "0" }));
        Assert.Equal(PostStatus.InReview, (await Bot.WithDatabaseAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == postId))).Status);
        return postId;
    }

    private async Task<Guid> DraftAsync(string title, string plannedDate, string plannedTime)
    {
        var channel = await InstagramIdAsync();
        var known = await Bot.WithDatabaseAsync(db => db.Posts.Select(p => p.Id).ToListAsync());
        var create = Bot.Activities.CardAction("post.create", new
        {
            title,
            text = "Der Frühling ist da: 20 % auf alles im Shop.",
            socialChannels = channel.ToString(CultureInfo.InvariantCulture),
            plannedDate,
            plannedTime,
        }, inChannel: true);
        create.From = ReminderWorld.Ben;
        create.ChannelData = ReminderWorld.TeamChannelData();
        await _world.InvokeAsync(create);
        return await Bot.WithDatabaseAsync(db => db.Posts.Where(p => !known.Contains(p.Id)).Select(p => p.Id).SingleAsync());
    }

    private string TokenOf(Protocol.Schema.ChannelAccount person) =>
        _entra.MintToken(person.AadObjectId!, Audience, new EntraTokenOptions { IssuedAt = _clock.GetUtcNow(), Name = person.Name });

    private async Task<JsonElement> GetJsonAsync(Protocol.Schema.ChannelAccount person, string path)
    {
        using var response = await SendAsync(person, HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> MoveAsync(Protocol.Schema.ChannelAccount person, Guid postId, string date, string time, string language = "en") =>
        SendAsync(person, HttpMethod.Post, $"/api/tab/posts/{postId}/move", new { date, time }, language);

    private Task<HttpResponseMessage> SendAsync(Protocol.Schema.ChannelAccount person, HttpMethod method, string path, object? body = null, string language = "en") =>
        SendWithTokenAsync(TokenOf(person), method, path, body, language);

    private async Task<HttpResponseMessage> SendWithTokenAsync(string token, HttpMethod method, string path, object? body = null, string language = "en")
    {
        using var client = Bot.CreateClient();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.AcceptLanguage.ParseAdd(language);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path)
    {
        using var client = Bot.CreateClient();
        using var request = new HttpRequestMessage(method, path);
        return await client.SendAsync(request);
    }

    internal static void Request(Microsoft.AspNetCore.Http.HttpContext context, IPAddress remote, string method, string path, string? json = null, string? token = null)
    {
        context.Connection.RemoteIpAddress = remote;
        context.Request.Method = method;
        var query = path.IndexOf('?', StringComparison.Ordinal);
        context.Request.Path = query < 0 ? path : path[..query];
        context.Request.QueryString = query < 0 ? default : new Microsoft.AspNetCore.Http.QueryString(path[query..]);
        if (token is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + token;
        }

        if (json is not null)
        {
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        }
    }
}
