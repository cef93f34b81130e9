using Bot.Delivery;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.IntegrationTests;

/// <summary>
/// A deployment stops the bot gracefully, often while the outbox is sending. What the connector already took must be
/// recorded as sent before the process ends, or the next start sends it a second time.
/// </summary>
public sealed class GracefulStopTests : IAsyncLifetime
{
    private static readonly ChannelAccount Anna = TeamsActivities.Anna;
    private static readonly ChannelAccount Clara = TeamsActivities.Clara;

    private BotApplication _bot = new();

    public async Task InitializeAsync()
    {
        await _bot.InitializeAsync();
        await _bot.InstallInTeamAsync(Anna, Anna, Clara);
        await _bot.OutboxSettledAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Fact]
    public async Task A_send_under_way_when_the_bot_stops_is_finished_and_recorded_so_the_next_start_does_not_send_it_again()
    {
        var before = _bot.Connector.Calls.Count;
        _bot.Connector.AnswerNextLate(TimeSpan.FromSeconds(2));
        await _bot.WithDatabaseAsync(async db =>
        {
            var team = await db.Teams.SingleAsync();
            await using var scope = _bot.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Notifier>().TellTeamAsync(team, _bot.Connector.ServiceUrl, () => "for the team", default);
            return true;
        });

        // The connector has the note; its answer is still on the way when the stop begins.
        await _bot.Connector.WaitForCallsAsync(before + 1);
        await _bot.DisposeAsync();
        _bot = _bot.Restarted();
        await _bot.InitializeAsync();
        await _bot.OutboxSettledAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Single(_bot.Connector.Calls.Skip(before), c => c.VisibleText == "for the team");
        var note = await _bot.WithDatabaseAsync(db => db.OutboundMessages.AsNoTracking().SingleAsync(m => m.Kind == OutboundKinds.TeamNote));
        Assert.Equal(OutboundState.Sent, note.State);
    }
}
