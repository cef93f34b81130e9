using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.IntegrationTests.Reminders;
using Bot.Posts;
using Bot.Privacy;
using Bot.Protocol.Schema;
using Bot.Testing;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests.Calendar;

/// <summary>
/// The iCalendar feed, end to end: the URL is asked for in the chat through /api/messages, fetched over HTTP from the
/// running bot on its real database, and parsed with Ical.Net as a calendar would. Anna coordinates, Ben writes, Clara
/// owns Instagram and reviews, Dora is in the team with nothing to do with Ben's post (see <see cref="ReminderWorld"/>).
/// </summary>
public sealed partial class FeedTests : IAsyncLifetime
{
    private const string PublicBaseUrl = "https://bot.contoso.com";

    // Monday 23 November 2026, 10:00 in Berlin; Ben's post is planned for Thursday 10 December, 10:30 in Berlin.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly ReminderWorld _world;

    public FeedTests() => _world = new ReminderWorld(new BotApplication { Clock = _clock, Settings = { ["Downloads:PublicBaseUrl"] = PublicBaseUrl } });

    private BotApplication Bot => _world.Bot;

    public async Task InitializeAsync()
    {
        await Bot.InitializeAsync();
        await _world.SetUpTeamAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)Bot).DisposeAsync();

    [Fact]
    public async Task An_approved_post_is_in_its_authors_feed_at_its_local_time_in_the_teams_zone()
    {
        var postId = await ApprovedPostAsync();

        var reply = await SayPrivatelyAsync(ReminderWorld.Ben, "calendar feed");
        var url = FeedUrl(reply);
        Assert.StartsWith($"{PublicBaseUrl}/calendar/feed/", url, StringComparison.Ordinal);
        Assert.Contains("webcal://bot.contoso.com/calendar/feed/" + Token(url) + ".ics", reply, StringComparison.Ordinal);
        Assert.Contains("calendar feed revoke", reply, StringComparison.Ordinal);

        var response = await FetchAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var calendar = Parse(await response.Content.ReadAsStringAsync());
        var post = Assert.Single(calendar.Events);
        Assert.Equal($"{postId:D}@calendar.social-media-bot", post.Uid);
        Assert.Equal("Europe/Berlin", post.DtStart!.TzId);
        Assert.Equal(new DateTime(2026, 12, 10, 10, 30, 0), post.DtStart.Value);
        Assert.Equal(new DateTime(2026, 12, 10, 9, 30, 0, DateTimeKind.Utc), post.DtStart.AsUtc);
        Assert.Contains(calendar.TimeZones, zone => zone.TzId == "Europe/Berlin");
        Assert.Equal("Instagram: Frühlingsaktion (Approved)", post.Summary);
        Assert.Contains("Author: Ben Wagner", post.Description, StringComparison.Ordinal);
        Assert.Contains($"show {PostWorkflow.ShortId(postId)}", post.Description, StringComparison.Ordinal);
        Assert.Contains("Approval card in Teams: https://teams.microsoft.com/l/message/", post.Description, StringComparison.Ordinal);
        Assert.StartsWith("https://teams.microsoft.com/l/message/", post.Url?.AbsoluteUri, StringComparison.Ordinal);

        // Clara owns Instagram and reviewed it: hers too. Dora, a viewer in the team, has nothing to do with it: hers is empty.
        await _world.SayAsync("role <at>Dora Klein</at> viewer", ReminderWorld.Anna, ReminderWorld.Dora);
        Assert.Equal(postId.ToString("D") + "@calendar.social-media-bot", Assert.Single((await FeedOfAsync(ReminderWorld.Clara)).Events).Uid);
        Assert.Empty((await FeedOfAsync(ReminderWorld.Dora)).Events);
    }

    [Fact]
    public async Task After_a_move_the_event_keeps_its_uid_and_its_sequence_rises_and_a_withdrawn_post_is_gone()
    {
        var postId = await ApprovedPostAsync();
        var url = FeedUrl(await SayPrivatelyAsync(ReminderWorld.Ben, "calendar feed"));
        var before = Assert.Single((await FetchCalendarAsync(url)).Events);

        var moved = await _world.InvokeAsync(_world.Action("post.moveSlot", ReminderWorld.Ben, postId, new() { ["newDate"] = "2026-12-11", ["newTime"] = "15:00" }));
        Assert.Contains("now planned for", moved.GetRawText(), StringComparison.Ordinal);

        var after = Assert.Single((await FetchCalendarAsync(url)).Events);
        Assert.Equal(before.Uid, after.Uid);
        Assert.True(after.Sequence > before.Sequence, $"SEQUENCE {after.Sequence} after the move, {before.Sequence} before");
        Assert.Equal(new DateTime(2026, 12, 11, 15, 0, 0), after.DtStart!.Value);
        Assert.Equal("Europe/Berlin", after.DtStart.TzId);

        await _world.SayAsync($"withdraw {PostWorkflow.ShortId(postId)}", ReminderWorld.Ben);
        Assert.Equal(PostStatus.Withdrawn, (await _world.StoredPostAsync()).Status);
        Assert.Empty((await FetchCalendarAsync(url)).Events);
    }

    [Fact]
    public async Task A_revoked_feed_and_a_tampered_token_answer_404_with_nothing_in_the_body()
    {
        await ApprovedPostAsync();
        var url = FeedUrl(await SayPrivatelyAsync(ReminderWorld.Ben, "calendar feed"));
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(url)).StatusCode);

        var token = Token(url);
        var tampered = url.Replace(token, token[..^1] + (token[^1] == 'A' ? 'B' : 'A'), StringComparison.Ordinal);
        await AssertBareNotFoundAsync(await FetchAsync(tampered));
        await AssertBareNotFoundAsync(await FetchAsync($"{PublicBaseUrl}/calendar/feed/not-a-token.ics"));

        // The database holds the token's hash, never the token.
        var stored = await Bot.WithDatabaseAsync(db => db.CalendarFeeds.AsNoTracking().SingleAsync());
        Assert.Equal(global::Bot.Calendar.Feed.CalendarFeeds.Hash(token), stored.TokenHash);
        Assert.DoesNotContain(token, await Bot.Database.EverythingAsTextAsync(), StringComparison.Ordinal);

        var revoked = await SayPrivatelyAsync(ReminderWorld.Ben, "calendar feed revoke");
        Assert.Contains("1 calendar feed(s) turned off", revoked, StringComparison.Ordinal);
        await AssertBareNotFoundAsync(await FetchAsync(url));
        Assert.Contains("no calendar feed", await SayPrivatelyAsync(ReminderWorld.Ben, "calendar feed revoke"), StringComparison.Ordinal);

        // Asking again makes a new URL; only that one works.
        var again = FeedUrl(await SayPrivatelyAsync(ReminderWorld.Ben, "calendar feed"));
        Assert.NotEqual(url, again);
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(again)).StatusCode);
        var third = FeedUrl(await SayPrivatelyAsync(ReminderWorld.Ben, "calendar feed"));
        await AssertBareNotFoundAsync(await FetchAsync(again));
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(third)).StatusCode);
    }

    [Fact]
    public async Task An_unchanged_feed_answers_304_to_its_etag_and_last_modified_and_a_change_gives_a_new_etag()
    {
        var postId = await ApprovedPostAsync();
        var url = FeedUrl(await SayPrivatelyAsync(ReminderWorld.Ben, "calendar feed"));
        var first = await FetchAsync(url);
        var etag = first.Headers.ETag;
        var lastModified = first.Content.Headers.LastModified;
        Assert.NotNull(etag);
        Assert.NotNull(lastModified);

        _clock.Advance(TimeSpan.FromMinutes(5));
        var byEtag = await FetchAsync(url, headers => headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.NotModified, byEtag.StatusCode);
        Assert.Empty(await byEtag.Content.ReadAsByteArrayAsync());
        var byDate = await FetchAsync(url, headers => headers.IfModifiedSince = lastModified);
        Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(url, headers => headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\"")))).StatusCode);

        await _world.InvokeAsync(_world.Action("post.moveSlot", ReminderWorld.Ben, postId, new() { ["newDate"] = "2026-12-11", ["newTime"] = "15:00" }));
        var changed = await FetchAsync(url, headers => headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.True(changed.Content.Headers.LastModified > lastModified);
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(url, headers => headers.IfModifiedSince = lastModified)).StatusCode);
    }

    [Fact]
    public async Task The_german_command_gives_a_german_feed()
    {
        await ApprovedPostAsync();

        var reply = await SayPrivatelyAsync(ReminderWorld.Ben, "kalender-feed", "de-DE");
        Assert.Contains("mit einem Klick abonnieren", reply, StringComparison.Ordinal);
        Assert.Contains("kalender-feed widerrufen", reply, StringComparison.Ordinal);

        var post = Assert.Single((await FetchCalendarAsync(FeedUrl(reply))).Events);
        Assert.Equal("Instagram: Frühlingsaktion (Freigegeben)", post.Summary);
        Assert.Contains("Autor/in: Ben Wagner", post.Description, StringComparison.Ordinal);

        Assert.Contains("1 Kalender-Feed(s) abgeschaltet", await SayPrivatelyAsync(ReminderWorld.Ben, "kalender-feed widerrufen", "de-DE"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_gets_the_teams_feed_with_every_post_and_an_editor_is_refused()
    {
        var postId = await ApprovedPostAsync();

        var refused = await SayPrivatelyAsync(ReminderWorld.Ben, "calendar feed team");
        Assert.Contains("coordinator", refused, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(FeedUrlPattern(), refused);
        Assert.Empty(await Bot.WithDatabaseAsync(db => db.CalendarFeeds.ToListAsync()));

        var reply = await SayPrivatelyAsync(ReminderWorld.Anna, "calendar feed team");
        var calendar = await FetchCalendarAsync(FeedUrl(reply));
        Assert.Equal($"{postId:D}@calendar.social-media-bot", Assert.Single(calendar.Events).Uid);
        Assert.Equal("Social media plan: Social Media", calendar.Properties["X-WR-CALNAME"]?.Value);
        // Anna wrote, reviews and owns nothing: her personal feed is empty, the team's is not.
        Assert.Empty((await FeedOfAsync(ReminderWorld.Anna)).Events);

        // Once she no longer coordinates, her team feed opens nothing.
        await _world.SayAsync("role <at>Clara Vogel</at> coordinator", ReminderWorld.Anna, ReminderWorld.Clara);
        await _world.SayAsync("role <at>Anna Schmidt</at> editor", ReminderWorld.Clara, ReminderWorld.Anna);
        await AssertBareNotFoundAsync(await FetchAsync(FeedUrl(reply)));
    }

    [Fact]
    public async Task In_a_channel_no_feed_link_is_posted_and_the_teams_feed_goes_to_the_coordinators_personal_chat()
    {
        await ApprovedPostAsync();
        var personalFeed = (await _world.SayForReplyAsync("calendar feed", ReminderWorld.Anna)).VisibleText;
        Assert.Equal("Please ask me in our personal chat: whoever has the link sees your plan.", personalFeed);

        var noChatYet = (await _world.SayForReplyAsync("calendar feed team", ReminderWorld.Anna)).VisibleText;
        Assert.StartsWith("Everyone in this channel would see a feed link I post here, and we have no personal chat yet.", noChatYet, StringComparison.Ordinal);
        Assert.Empty(await Bot.WithDatabaseAsync(db => db.CalendarFeeds.ToListAsync()));

        await SayPrivatelyAsync(ReminderWorld.Anna, "help");
        var before = Bot.Connector.Calls.Count;
        await _world.SayAsync("calendar feed team", ReminderWorld.Anna);
        var calls = Bot.Connector.Calls.Skip(before).Where(c => c.Kind is CallKind.Send or CallKind.Reply).ToList();
        var privately = Assert.Single(calls, c => c.ConversationId == PersonalChatOf(ReminderWorld.Anna));
        var inChannel = Assert.Single(calls, c => c.ConversationId != PersonalChatOf(ReminderWorld.Anna)).VisibleText;
        Assert.Equal("I've sent you the team's calendar feed in our personal chat, so only you see the link.", inChannel);
        Assert.Single((await FetchCalendarAsync(FeedUrl(privately.VisibleText))).Events);
    }

    [Fact]
    public async Task My_data_lists_the_feeds_without_their_tokens_and_erasure_removes_them()
    {
        await ApprovedPostAsync();
        var url = FeedUrl(await SayPrivatelyAsync(ReminderWorld.Ben, "calendar feed"));
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(url)).StatusCode);

        var myData = await SayPrivatelyAsync(ReminderWorld.Ben, "my data");
        var link = Regex.Match(myData, @"\((?<url>[^)]+/downloads/my-data/[^)]+)\)").Groups["url"].Value;
        using var client = Bot.CreateClient();
        var export = await client.GetStringAsync(new Uri(link).PathAndQuery);
        var feed = Assert.Single(JsonDocument.Parse(export).RootElement.GetProperty("calendarFeeds").EnumerateArray());
        Assert.Equal("Personal", feed.GetProperty("kind").GetString());
        Assert.Equal(_clock.GetUtcNow(), feed.GetProperty("createdAt").GetDateTimeOffset());
        Assert.DoesNotContain(Token(url), export, StringComparison.Ordinal);

        var outcome = await _world.InvokeAsync(_world.Action("person.erase", ReminderWorld.Anna, Guid.Empty, new() { ["person"] = ReminderWorld.Ben.AadObjectId! }));
        Assert.Contains("Done: erased", outcome.GetRawText(), StringComparison.Ordinal);
        await AssertBareNotFoundAsync(await FetchAsync(url));
        Assert.Empty(await Bot.WithDatabaseAsync(db => db.CalendarFeeds.ToListAsync()));
    }

    [Fact]
    public async Task Retention_removes_a_feed_nobody_fetched_for_half_a_year_and_keeps_one_in_use()
    {
        var unused = FeedUrl(await SayPrivatelyAsync(ReminderWorld.Ben, "calendar feed"));
        var used = FeedUrl(await SayPrivatelyAsync(ReminderWorld.Clara, "calendar feed"));

        _clock.Advance(TimeSpan.FromDays(100));
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(used)).StatusCode);
        _clock.Advance(TimeSpan.FromDays(81));
        await ApplyRetentionAsync();

        await AssertBareNotFoundAsync(await FetchAsync(unused));
        Assert.Equal(HttpStatusCode.OK, (await FetchAsync(used)).StatusCode);
    }

    private async Task ApplyRetentionAsync()
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RetentionService>().ApplyAsync(CancellationToken.None);
    }

    /// <summary>Ben's post for Instagram, planned for 10 December 10:30 in Berlin, submitted and approved by Clara.</summary>
    private async Task<Guid> ApprovedPostAsync()
    {
        var postId = await _world.SubmittedPostAsync("2026-12-10", "10:30");
        await _world.InvokeAsync(_world.Action("post.approve", ReminderWorld.Clara, postId, new() { ["revision"] = "1" }));
        Assert.Equal(PostStatus.Approved, (await _world.StoredPostAsync()).Status);
        return postId;
    }

    private async Task<Ical.Net.Calendar> FeedOfAsync(ChannelAccount person) =>
        await FetchCalendarAsync(FeedUrl(await SayPrivatelyAsync(person, "calendar feed")));

    /// <summary>What the bot answers in the person's own personal chat.</summary>
    private async Task<string> SayPrivatelyAsync(ChannelAccount from, string text, string locale = "en-US")
    {
        var activity = Bot.Activities.PersonalMessage(text, locale);
        activity.From = from;
        activity.Conversation = new ConversationAccount { Id = PersonalChatOf(from), ConversationType = ConversationTypes.Personal, TenantId = TeamsActivities.TenantId };
        var before = Bot.Connector.Calls.Count;
        Assert.Equal(HttpStatusCode.OK, (await Bot.SendAsync(activity)).StatusCode);
        return Bot.Connector.Calls.Skip(before).First(c => c.Kind is CallKind.Send or CallKind.Reply).VisibleText;
    }

    private static string PersonalChatOf(ChannelAccount person) => $"a:1personal-chat-with-{person.Id}";

    private static string FeedUrl(string reply)
    {
        var match = FeedUrlPattern().Match(reply);
        Assert.True(match.Success, $"No feed URL in: {reply}");
        return match.Value;
    }

    private static string Token(string url) => url[(url.LastIndexOf('/') + 1)..^".ics".Length];

    private async Task<HttpResponseMessage> FetchAsync(string url, Action<HttpRequestHeaders>? headers = null)
    {
        using var client = Bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url).PathAndQuery);
        headers?.Invoke(request.Headers);
        return await client.SendAsync(request);
    }

    private async Task<Ical.Net.Calendar> FetchCalendarAsync(string url)
    {
        var response = await FetchAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    private static Ical.Net.Calendar Parse(string text) => Ical.Net.Calendar.Load(text) ?? throw new InvalidOperationException("Not an iCalendar text.");

    private static async Task AssertBareNotFoundAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [GeneratedRegex(@"https://[^\s)\]]+/calendar/feed/[A-Za-z0-9_-]+\.ics")]
    private static partial Regex FeedUrlPattern();
}
