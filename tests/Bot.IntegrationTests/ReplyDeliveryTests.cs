using Stopwatch = System.Diagnostics.Stopwatch;
using System.Net;
using Bot.Delivery;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.IntegrationTests;

/// <summary>
/// Replies never hold the turn: whatever the connector answers a reply (throttled, busy, down, hanging), Teams gets its
/// 200 in time, and the reply waits in the outbox and arrives exactly once later. The bot's clock is fake, so the
/// outbox's back-off is crossed by moving it.
/// </summary>
public sealed class ReplyDeliveryTests : IAsyncLifetime
{
    private static readonly ChannelAccount Anna = TeamsActivities.Anna;

    // Teams gives a bot 15 s to answer; the turn must stay well inside, whatever the connector does.
    private static readonly TimeSpan TeamsBudget = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly BotApplication _bot;

    public ReplyDeliveryTests() => _bot = new BotApplication { Clock = _clock };

    public Task InitializeAsync() => _bot.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(412)]
    public async Task A_reply_the_connector_refuses_as_busy_is_answered_200_at_once_and_arrives_once_after_back_off(int status)
    {
        _bot.Connector.FailNext(status);

        var (response, elapsed) = await TimedSendAsync(_bot.Activities.PersonalMessage("help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(elapsed < TeamsBudget, $"Teams waited {elapsed.TotalSeconds:0.0} s.");
        Assert.Empty(_bot.Connector.Sent);
        var queued = await ReplyRowAsync();
        Assert.Equal((OutboundState.Pending, 1, $"http-{status}"), (queued.State, queued.Attempts, queued.LastError));

        _clock.Advance(TimeSpan.FromSeconds(2));
        await _bot.OutboxSettledAsync();

        var reply = Assert.Single(_bot.Connector.Sent);
        Assert.Contains("help", reply.Body!.Value.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal((OutboundState.Sent, 2), ((await ReplyRowAsync()).State, (await ReplyRowAsync()).Attempts));
    }

    [Fact]
    public async Task A_throttled_reply_waits_for_retry_after_and_arrives_once()
    {
        _bot.Connector.FailNext(429, retryAfterSeconds: 30);

        var (response, _) = await TimedSendAsync(_bot.Activities.PersonalMessage("help"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        _clock.Advance(TimeSpan.FromSeconds(29));
        await _bot.OutboxSettledAsync();
        Assert.Empty(_bot.Connector.Sent);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await _bot.OutboxSettledAsync();
        Assert.Single(_bot.Connector.Sent);
    }

    [Fact]
    public async Task A_connector_stuck_at_502_does_not_keep_teams_waiting()
    {
        _bot.Connector.FailNext(502, times: 20);

        var (response, elapsed) = await TimedSendAsync(_bot.Activities.PersonalMessage("help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(elapsed < TeamsBudget, $"Teams waited {elapsed.TotalSeconds:0.0} s.");
        Assert.Equal(1, _bot.Connector.Attempts);
        Assert.Equal("http-502", (await ReplyRowAsync()).LastError);
    }

    [Fact]
    public async Task A_hanging_connector_gets_the_reply_later_and_teams_its_answer_in_time()
    {
        _bot.Connector.HangNext();

        var (response, elapsed) = await TimedSendAsync(_bot.Activities.PersonalMessage("help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(elapsed < TeamsBudget, $"Teams waited {elapsed.TotalSeconds:0.0} s.");
        Assert.Equal("timeout", (await ReplyRowAsync()).LastError);

        _clock.Advance(TimeSpan.FromSeconds(2));
        await _bot.OutboxSettledAsync();
        Assert.Single(_bot.Connector.Sent);
    }

    [Fact]
    public async Task A_reply_refused_for_good_fails_the_turn_instead_of_waiting_in_the_outbox()
    {
        _bot.Connector.FailNext(403);

        var (response, _) = await TimedSendAsync(_bot.Activities.PersonalMessage("help"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0, await _bot.WithDatabaseAsync(db => db.OutboundMessages.CountAsync(m => m.Kind == OutboundKinds.Reply)));
    }

    private async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> TimedSendAsync(Activity activity)
    {
        var watch = Stopwatch.StartNew();
        var response = await _bot.SendAsync(activity);
        return (response, watch.Elapsed);
    }

    private Task<OutboundMessage> ReplyRowAsync() =>
        _bot.WithDatabaseAsync(db => db.OutboundMessages.AsNoTracking().SingleAsync(m => m.Kind == OutboundKinds.Reply));
}
