using System.Net;

namespace Bot.IntegrationTests;

/// <summary>What a load balancer asks: is the process up (/healthz), and may traffic go to it (/readyz).</summary>
public sealed class HealthTests : IAsyncLifetime
{
    private readonly BotApplication _bot = new();

    public Task InitializeAsync() => _bot.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Fact]
    public async Task A_started_bot_is_live_and_ready()
    {
        using var client = _bot.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }
}
