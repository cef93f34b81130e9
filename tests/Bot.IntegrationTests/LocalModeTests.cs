using System.Net;

namespace Bot.IntegrationTests;

/// <summary>Without MicrosoftAppId (local use with the Playground) nothing can be verified, so only this machine is served.</summary>
public sealed class LocalModeTests : IAsyncLifetime
{
    private readonly BotApplication _bot = BotApplication.WithoutAuthentication();

    public Task InitializeAsync() => _bot.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Fact]
    public async Task Loopback_caller_without_token_is_served_and_the_reply_carries_no_token()
    {
        var context = await _bot.SendFromAsync(IPAddress.Loopback, _bot.Activities.PersonalMessage("help"));

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal(string.Empty, Assert.Single(_bot.Connector.Sent).Authorization);
    }

    [Fact]
    public async Task IPv6_loopback_caller_is_served()
    {
        var context = await _bot.SendFromAsync(IPAddress.IPv6Loopback, _bot.Activities.PersonalMessage("help"));

        Assert.Equal(200, context.Response.StatusCode);
    }

    [Fact]
    public async Task Caller_from_another_machine_is_refused()
    {
        var context = await _bot.SendFromAsync(IPAddress.Parse("192.0.2.10"), _bot.Activities.PersonalMessage("help"));

        Assert.Equal(401, context.Response.StatusCode);
        Assert.Empty(_bot.Connector.Calls);
        Assert.Equal(0, await _bot.StoredConversationCountAsync());
    }

    [Fact]
    public async Task A_token_that_cannot_be_checked_is_refused_rather_than_ignored()
    {
        var context = await _bot.SendFromAsync(IPAddress.Loopback, _bot.Activities.PersonalMessage("help"), "Bearer something");

        Assert.Equal(401, context.Response.StatusCode);
        Assert.Empty(_bot.Connector.Calls);
    }
}
