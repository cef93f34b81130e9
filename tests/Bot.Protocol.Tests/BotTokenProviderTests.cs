using Bot.Protocol.Authentication;
using Bot.Protocol.Connector;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Protocol.Tests;

public sealed class BotTokenProviderTests : IAsyncLifetime
{
    private readonly FakeChannelTokenIssuer _login = new() { ExpectedClientId = "app-id", ExpectedClientSecret = "app-secret" };
    private readonly FakeConnectorServer _connector = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _login.StartAsync();
        await _connector.StartAsync();
        _services = ProtocolServices.Build(
            new()
            {
                ["MicrosoftAppType"] = "SingleTenant",
                ["MicrosoftAppId"] = "app-id",
                ["MicrosoftAppPassword"] = "app-secret",
                ["MicrosoftAppTenantId"] = "test-tenant",
                ["ToChannelFromBotLoginUrl"] = _login.LoginUrl.AbsoluteUri,
                ["TrustedServiceUrls:0"] = _connector.ServiceUrl,
            },
            _time);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _connector.DisposeAsync();
        await _login.DisposeAsync();
    }

    [Fact]
    public async Task Connector_calls_carry_the_client_credentials_token()
    {
        var client = _services.GetRequiredService<ConnectorClientFactory>().Create(_connector.ServiceUrl);

        await client.SendToConversationAsync("a:1", new Activity { Type = "message", Text = "x" });

        Assert.Equal("Bearer " + FakeChannelTokenIssuer.IssuedAccessTokenPrefix + "1", _connector.Calls.Single().Authorization);
    }

    [Fact]
    public async Task Token_is_reused_until_five_minutes_before_expiry()
    {
        var provider = _services.GetRequiredService<IBotTokenProvider>();

        var first = await provider.GetTokenAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(54));
        var stillCached = await provider.GetTokenAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var renewed = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal(first, stillCached);
        Assert.NotEqual(first, renewed);
        Assert.Equal(2, _login.TokenRequests);
    }

    [Fact]
    public async Task Wrong_secret_fails_loudly_instead_of_sending_unauthenticated()
    {
        _login.ExpectedClientSecret = "another-secret";
        var provider = _services.GetRequiredService<IBotTokenProvider>();

        await Assert.ThrowsAsync<HttpRequestException>(() => provider.GetTokenAsync(CancellationToken.None));
    }
}
