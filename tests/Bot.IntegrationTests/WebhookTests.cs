using System.Net;
using System.Text.Json;
using Bot.Posts;
using Bot.Protocol.Schema;
using Bot.Testing;
using Bot.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests;

/// <summary>
/// The team's outgoing webhook: set by a coordinator in a personal chat, every approved post POSTed signed to a local
/// receiver that checks the signature, retried after a failure by the background dispatcher on the bot's clock.
/// </summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "s3cr3t-for-the-publishing-tool";

    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Ben = TeamsActivities.Ben;
    private static readonly ChannelAccount Clara = TeamsActivities.Clara;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly WebhookReceiver _receiver = new(Secret);
    private readonly BotApplication _bot;

    public WebhookTests() => _bot = new BotApplication { Clock = _clock };

    public async Task InitializeAsync()
    {
        await _receiver.StartAsync();
        await _bot.InitializeAsync();
        await _bot.InstallInTeamAsync(Anna, Anna, Ben, Clara);
        await SayAsync("add account instagram @contoso_de", Anna);
        await SayAsync("role <at>Ben Wagner</at> editor", Anna, Ben);
        await SayAsync("role <at>Clara Vogel</at> reviewer", Anna, Clara);
        await SayAsync("assign <at>Clara Vogel</at> instagram", Anna, Clara);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await ((IAsyncLifetime)_bot).DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task The_secret_is_taken_only_in_a_personal_chat_from_a_coordinator_and_never_shown_again()
    {
        Assert.StartsWith("Please set the webhook in our personal chat", await SayForTextAsync($"webhook {_receiver.Url} secret {Secret}", Anna), StringComparison.Ordinal);
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.Webhooks.CountAsync()));
        Assert.Equal("Only coordinators can do that. Your role in this team: reviewer.", await SayForTextAsync("webhook status", Clara));
        Assert.Equal("The secret must have 16 to 256 characters, with no spaces.", await PersonalReplyAsync($"webhook {_receiver.Url} secret short"));
        Assert.StartsWith("The webhook address must be a full https:// URL", await PersonalReplyAsync($"webhook http://example.com/hook secret {Secret}"), StringComparison.Ordinal);

        var set = await PersonalReplyAsync($"webhook {_receiver.Url} secret {Secret}");

        Assert.StartsWith($"Webhook set: every approved post goes to {_receiver.Url}", set, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, set, StringComparison.Ordinal);
        var stored = await _bot.WithDatabaseAsync(db => db.Webhooks.SingleAsync());
        Assert.DoesNotContain(Secret, stored.ProtectedSecret, StringComparison.Ordinal);
        var status = await SayForTextAsync("webhook status", Ben);
        Assert.Contains("No deliveries yet.", status, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, status, StringComparison.Ordinal);
        Assert.Equal("Webhook switched off; approved posts are no longer sent.", await SayForTextAsync("webhook aus", Anna));
    }

    [Fact]
    public async Task An_approved_post_is_posted_signed_and_a_failing_receiver_gets_the_same_delivery_again_after_the_backoff()
    {
        await PersonalReplyAsync($"webhook {_receiver.Url} secret {Secret}");
        _receiver.AnswerWith(503);

        var postId = await ApprovedPostAsync();

        var first = await NextRequestAsync(1);
        Assert.True(first.SignatureValid);
        Assert.Equal(503, first.AnsweredWith);
        var delivery = await WaitForDeliveryAsync(d => d.Attempts == 1);
        Assert.Equal((WebhookDeliveryState.Pending, 503, _clock.GetUtcNow() + TimeSpan.FromMinutes(1)), (delivery.State, delivery.LastStatus, delivery.NextAttemptAt));
        Assert.Contains($"**{PostWorkflow.ShortId(postId)}** Frühlingsaktion, revision 1: ⚠️ 1 failed attempt, last: HTTP 503; next try Nov 23, 2026 at 10:01", await SayForTextAsync("webhook status", Anna), StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromMinutes(1));

        var second = await NextRequestAsync(2);
        Assert.Equal((true, 200), (second.SignatureValid, second.AnsweredWith));
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(delivery.Id.ToString("D"), second.DeliveryId);
        Assert.Equal("post.approved", second.Event);
        Assert.Equal((_clock.GetUtcNow().ToUnixTimeSeconds()).ToString(System.Globalization.CultureInfo.InvariantCulture), second.Timestamp);
        delivery = await WaitForDeliveryAsync(d => d.State == WebhookDeliveryState.Delivered);
        Assert.Equal(2, delivery.Attempts);

        using var json = JsonDocument.Parse(second.Body);
        var root = json.RootElement;
        Assert.Equal(("post.approved", delivery.Id.ToString("D")), (root.GetProperty("event").GetString(), root.GetProperty("deliveryId").GetString()));
        var post = root.GetProperty("post");
        Assert.Equal((postId.ToString("D"), "Frühlingsaktion", 1, "Approved"), (post.GetProperty("id").GetString(), post.GetProperty("workingTitle").GetString(), post.GetProperty("revision").GetInt32(), post.GetProperty("status").GetString()));
        var variant = Assert.Single(post.GetProperty("variants").EnumerateArray());
        Assert.Equal(("Instagram", "@contoso_de", "Der Frühling ist da."), (variant.GetProperty("platform").GetString(), variant.GetProperty("account").GetString(), variant.GetProperty("text").GetString()));
        var approval = Assert.Single(post.GetProperty("approvals").EnumerateArray());
        Assert.Equal(("Clara Vogel", "Passt."), (approval.GetProperty("reviewer").GetProperty("name").GetString(), approval.GetProperty("comment").GetString()));
        Assert.Contains("delivered Nov 23, 2026 at 10:01 (attempt 2)", await SayForTextAsync("webhook status", Anna), StringComparison.Ordinal);
        Assert.Single(_receiver.Requests, r => r.AnsweredWith == 200);
    }

    [Fact]
    public async Task Without_a_webhook_an_approval_writes_no_delivery()
    {
        await ApprovedPostAsync();

        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.WebhookDeliveries.CountAsync()));
        Assert.Empty(_receiver.Requests);
    }

    private async Task<Guid> ApprovedPostAsync()
    {
        var channel = await _bot.WithDatabaseAsync(db => db.SocialChannels.Select(c => c.Id).SingleAsync());
        await InvokeAsync("post.create", Ben, new { title = "Frühlingsaktion", text = "Der Frühling ist da.", socialChannels = channel.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var postId = (await _bot.WithDatabaseAsync(db => db.Posts.SingleAsync())).Id;
        await InvokeAsync("post.submit", Ben, new { postId = postId.ToString("D"), revision = "0" });
        await InvokeAsync("post.approve", Clara, new { postId = postId.ToString("D"), revision = "1", comment = "Passt." });
        Assert.Equal(PostStatus.Approved, (await _bot.WithDatabaseAsync(db => db.Posts.SingleAsync())).Status);
        return postId;
    }

    /// <summary>The dispatcher runs in the background: wait for it with a deadline, never a fixed sleep.</summary>
    private async Task<WebhookRequest> NextRequestAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (_receiver.Requests.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The receiver got {_receiver.Requests.Count} of {count} requests.");
            await Task.Delay(50);
        }

        return _receiver.Requests.ElementAt(count - 1);
    }

    private async Task<WebhookDelivery> WaitForDeliveryAsync(Func<WebhookDelivery, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var delivery = await _bot.WithDatabaseAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync());
            if (condition(delivery))
            {
                return delivery;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The delivery stayed {delivery.State} after {delivery.Attempts} attempts.");
            await Task.Delay(50);
        }
    }

    private async Task InvokeAsync(string verb, ChannelAccount from, object data)
    {
        var activity = _bot.Activities.CardAction(verb, data, inChannel: true);
        activity.From = from;
        activity.ChannelData = new
        {
            tenant = new { id = TeamsActivities.TenantId },
            team = new { id = TeamsActivities.TeamId },
            channel = new { id = TeamsActivities.ChannelConversationId },
        };
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(activity)).StatusCode);
    }

    private async Task<string> PersonalReplyAsync(string command)
    {
        var before = _bot.Connector.Calls.Count;
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(_bot.Activities.PersonalMessage(command))).StatusCode);
        return _bot.Connector.Calls.Skip(before).First(c => c.Kind is CallKind.Send or CallKind.Reply).VisibleText;
    }

    private async Task SayAsync(string command, ChannelAccount from, params ChannelAccount[] mentioned) =>
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(_bot.Activities.ChannelCommand(command, from, mentioned))).StatusCode);

    private async Task<string> SayForTextAsync(string command, ChannelAccount from)
    {
        var before = _bot.Connector.Calls.Count;
        await SayAsync(command, from);
        return _bot.Connector.Calls.Skip(before).First(c => c.Kind is CallKind.Send or CallKind.Reply).VisibleText;
    }
}
