using System.Net;
using System.Text.Json;
using Bot.Hosting;
using Bot.Posts;
using Bot.Protocol.Schema;
using Bot.Testing;
using Bot.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests;

/// <summary>
/// The team's outgoing webhook: set by a coordinator in a personal chat, every approved post POSTed signed to a local
/// receiver that checks the signature, retried after a failure by the background dispatcher on the bot's clock. The
/// bot runs with a <c>MicrosoftAppId</c>, so its receiver speaks HTTPS and 127.0.0.1 is on <c>Webhooks:AllowedHosts</c>,
/// as an operator would allow an internal publishing tool; host names resolve through <see cref="StubHostResolver"/>.
/// </summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "s3cr3t-for-the-publishing-tool";

    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Ben = TeamsActivities.Ben;
    private static readonly ChannelAccount Clara = TeamsActivities.Clara;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly WebhookReceiver _receiver = new(Secret) { Https = true };
    private readonly StubHostResolver _dns = new();
    private readonly BotApplication _bot;

    public WebhookTests() => _bot = new BotApplication
    {
        Clock = _clock,
        Settings = { ["Webhooks:AllowedHosts:0"] = "127.0.0.1" },
        TestServices = services =>
        {
            services.AddHttpClient(UserSuppliedUrls.HttpClientName).TrustTestCertificateOnBotHandler();
            services.AddSingleton<IHostAddressResolver>(_dns);
        },
    };

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

    [Theory]
    [InlineData("https://10.0.0.5/admin", "10.0.0.5 is a private address.")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address.")]
    [InlineData("https://169.254.10.1/", "169.254.10.1 is a link-local address.")]
    [InlineData("https://100.64.1.1/", "100.64.1.1 is a carrier-grade NAT address (100.64.0.0/10).")]
    [InlineData("https://[fd00::1]/hook", "fd00::1 is a private IPv6 address (unique local).")]
    [InlineData("https://[::ffff:10.0.0.5]/hook", "::ffff:10.0.0.5 is a private address.")]
    [InlineData("https://[fe80::1]/", "fe80::1 is a link-local address.")]
    [InlineData("https://0.0.0.0/", "0.0.0.0 is an unspecified address, not a destination.")]
    [InlineData("https://localhost/hook", "localhost resolves to a loopback address (the bot's own machine).")]
    [InlineData("https://intranet.contoso.example/hook", "intranet.contoso.example resolves to a private address.")]
    [InlineData("https://gone.contoso.example/hook", "No address found for gone.contoso.example.")]
    public async Task An_internal_destination_is_refused_at_once_and_the_reply_says_why(string url, string reason)
    {
        _dns.Answer("localhost", "127.0.0.1", "::1");
        _dns.Answer("intranet.contoso.example", "93.184.215.14", "10.20.30.40");

        var reply = await PersonalReplyAsync($"webhook {url} secret {Secret}");

        Assert.Equal($"{reason} The webhook must go to a public https address; the bot's operator can allow an internal host (Webhooks:AllowedHosts).", reply);
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.Webhooks.CountAsync()));
    }

    [Fact]
    public async Task The_refusal_reads_in_german_and_plain_http_to_this_machine_needs_local_development()
    {
        var german = await PersonalReplyAsync($"weiterleitung https://[fd00:ec2::254]/ geheimnis {Secret}", "de-DE");
        var plainHttp = await PersonalReplyAsync($"webhook http://127.0.0.1:{_receiver.BaseAddress.Port}/hooks/posts secret {Secret}");

        Assert.Equal("fd00:ec2::254 ist eine Cloud-Metadaten-Adresse. Der Webhook muss an eine öffentliche https-Adresse gehen; der Betreiber des Bots kann einen internen Host freigeben (Webhooks:AllowedHosts).", german);
        Assert.StartsWith("The address must be a full https:// URL without a user name or password (plain http only to this machine, in local development).", plainHttp, StringComparison.Ordinal);
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.Webhooks.CountAsync()));
    }

    [Fact]
    public async Task A_name_that_later_resolves_internally_fails_the_delivery_and_status_says_why_without_the_address()
    {
        _dns.Answer("hooks.publisher.example", "93.184.215.14");
        Assert.StartsWith("Webhook set: every approved post goes to https://hooks.publisher.example/hooks/posts", await PersonalReplyAsync($"webhook https://hooks.publisher.example/hooks/posts secret {Secret}"), StringComparison.Ordinal);
        _dns.Answer("hooks.publisher.example", "10.9.8.7");

        await ApprovedPostAsync();

        var delivery = await WaitForDeliveryAsync(d => d.Attempts == 1);
        Assert.Equal((WebhookDeliveryState.Pending, null, WebhookDispatcher.DestinationRefusedError), (delivery.State, delivery.LastStatus, delivery.LastError));
        var status = await SayForTextAsync("webhook status", Anna);
        Assert.Contains("1 failed attempt, last: refused, the address now leads to a network the bot may not call; next try", status, StringComparison.Ordinal);
        Assert.DoesNotContain("10.9.8.7", status, StringComparison.Ordinal);
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        await PersonalReplyAsync($"webhook {_receiver.Url} secret {Secret}");
        _receiver.RedirectLocation = new Uri(_receiver.Url, "?followed=1");
        _receiver.AnswerWith(307);

        await ApprovedPostAsync();

        var delivery = await WaitForDeliveryAsync(d => d.Attempts == 1);
        Assert.Equal((WebhookDeliveryState.Pending, 307), (delivery.State, delivery.LastStatus));
        Assert.Equal(307, Assert.Single(_receiver.Requests).AnsweredWith);
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

    private async Task<string> PersonalReplyAsync(string command, string locale = "en-US")
    {
        var before = _bot.Connector.Calls.Count;
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(_bot.Activities.PersonalMessage(command, locale))).StatusCode);
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

/// <summary>DNS for the test: names answer what the test says, anything else is not found.</summary>
internal sealed class StubHostResolver : IHostAddressResolver
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IPAddress[]> _answers = new(StringComparer.OrdinalIgnoreCase);

    public void Answer(string host, params string[] addresses) => _answers[host] = [.. addresses.Select(IPAddress.Parse)];

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        _answers.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound));
}
