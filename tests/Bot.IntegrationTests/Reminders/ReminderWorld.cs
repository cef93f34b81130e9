using System.Net;
using System.Text.Json;
using Bot.Delivery;
using Bot.Posts;
using Bot.Protocol.Schema;
using Bot.Reminders;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.IntegrationTests.Reminders;

/// <summary>
/// The team the reminder tests work in, driven through /api/messages: Anna coordinates, Ben writes, Clara owns the
/// Instagram account and so reviews Ben's posts. Reminders fire from the real Quartz scheduler on the bot's SQLite
/// file; the tests move the fake clock and then wait (with a deadline) for what the scheduler thread sends.
/// </summary>
internal sealed class ReminderWorld(BotApplication bot)
{
    public static readonly ChannelAccount Anna = TeamsActivities.Anna;
    public static readonly ChannelAccount Ben = TeamsActivities.Ben;
    public static readonly ChannelAccount Clara = TeamsActivities.Clara;

    /// <summary>In the team, but no role, no social channel and no post of her own.</summary>
    public static readonly ChannelAccount Dora = new("29:1dora-teams-user-id", "Dora Klein", "0b8b5a37-1c2d-4e5f-8a9b-0c1d2e3f4a09");

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public BotApplication Bot { get; set; } = bot;

    public async Task SetUpTeamAsync()
    {
        await Bot.InstallInTeamAsync(Anna, Anna, Ben, Clara, Dora);
        await SayAsync("add account instagram @contoso_de", Anna);
        await SayAsync("role <at>Ben Wagner</at> editor", Anna, Ben);
        await SayAsync("role <at>Clara Vogel</at> reviewer", Anna, Clara);
        await SayAsync("assign <at>Clara Vogel</at> instagram", Anna, Clara);
    }

    /// <summary>Ben drafts a post for Instagram planned at <paramref name="plannedDate"/> <paramref name="plannedTime"/> (Berlin) and submits it.</summary>
    public async Task<Guid> SubmittedPostAsync(string plannedDate = "2026-12-10", string plannedTime = "10:30")
    {
        var channel = await Bot.WithDatabaseAsync(db => db.SocialChannels.Select(c => c.Id).SingleAsync());
        var create = Bot.Activities.CardAction("post.create", new
        {
            title = "Frühlingsaktion",
            text = "Der Frühling ist da: 20 % auf alles im Shop.",
            socialChannels = channel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            plannedDate,
            plannedTime,
        }, inChannel: true);
        create.From = Ben;
        create.ChannelData = TeamChannelData();
        await InvokeAsync(create);
        var post = await StoredPostAsync();
        await InvokeAsync(Action("post.submit", Ben, post.Id, new() { ["revision"] = "0" }));
        Assert.Equal(PostStatus.InReview, (await StoredPostAsync()).Status);
        return post.Id;
    }

    public Activity Action(string verb, ChannelAccount from, Guid postId, Dictionary<string, string?>? data = null)
    {
        data ??= [];
        data["postId"] = postId.ToString("D");
        var activity = Bot.Activities.CardAction(verb, data, inChannel: true);
        activity.From = from;
        activity.ChannelData = TeamChannelData();
        return activity;
    }

    public async Task<JsonElement> InvokeAsync(Activity activity)
    {
        var response = await Bot.SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("value");
        CardRules.AssertValid(card);
        return card;
    }

    public async Task SayAsync(string command, ChannelAccount from, params ChannelAccount[] mentioned) => await SayInAsync("en-US", command, from, mentioned);

    public async Task SayInAsync(string locale, string command, ChannelAccount from, params ChannelAccount[] mentioned)
    {
        var response = await Bot.SendAsync(Bot.Activities.ChannelCommand(command, from, mentioned, locale));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>What the bot answered in the team's channel to a command.</summary>
    public async Task<ConnectorCall> SayForReplyAsync(string command, ChannelAccount from, string locale = "en-US")
    {
        var before = Bot.Connector.Calls.Count;
        await SayInAsync(locale, command, from);
        return Bot.Connector.Calls.Skip(before).First(c => c.Kind is CallKind.Send or CallKind.Reply && c.ConversationId!.StartsWith(TeamsActivities.ChannelConversationId, StringComparison.Ordinal));
    }

    public Task<Post> StoredPostAsync() => Bot.WithDatabaseAsync(db => db.Posts.AsNoTracking().SingleAsync());

    /// <summary>Messages sent into someone's personal chat with the bot.</summary>
    public async Task<IReadOnlyList<ConnectorCall>> PersonalMessagesToAsync(ChannelAccount person)
    {
        var conversations = await Bot.WithDatabaseAsync(db => db.Conversations.AsNoTracking()
            .Where(c => c.ConversationType == ConversationTypes.Personal && c.UserAadObjectId == person.AadObjectId)
            .Select(c => c.ConversationId)
            .ToListAsync());
        return [.. Bot.Connector.Calls.Where(c => c.Kind == CallKind.Send && conversations.Contains(c.ConversationId!))];
    }

    public IReadOnlyList<ConnectorCall> TeamChannelMessages() =>
        [.. Bot.Connector.Calls.Where(c => c.Kind == CallKind.Send && c.ConversationId == TeamsActivities.ChannelConversationId)];

    /// <summary>Polls until <paramref name="condition"/> holds: the scheduler works on its own thread.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Waits until no send is under way. A send's timeout runs on the test's clock, as every time of the bot does: moved
    /// on during a send, the clock times it out, and its retry (and every message of that conversation behind it) then
    /// waits for a moment the test never reaches.
    /// </summary>
    public Task NoSendUnderWayAsync() =>
        EventuallyAsync(
            async () => !await Bot.WithDatabaseAsync(db => db.OutboundMessages.AnyAsync(m => m.State == OutboundState.Pending && m.ClaimedUntil != null)),
            "the sends under way to finish");

    public Task<IReadOnlyList<PlannedReminder>> PlannedAsync(Guid postId) =>
        Bot.Services.GetRequiredService<ReminderScheduler>().PlannedForAsync([postId], CancellationToken.None);

    public static object TeamChannelData() => new
    {
        tenant = new { id = TeamsActivities.TenantId },
        team = new { id = TeamsActivities.TeamId },
        channel = new { id = TeamsActivities.ChannelConversationId },
    };

    public static JsonElement CardOf(ConnectorCall call) => call.Body!.Value.GetProperty("attachments")[0].GetProperty("content");
}
