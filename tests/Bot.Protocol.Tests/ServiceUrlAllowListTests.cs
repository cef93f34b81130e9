using Bot.Protocol.Connector;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Protocol.Tests;

/// <summary>The bot sends its token only to serviceUrls it saw in authenticated activities or was configured to trust.</summary>
public sealed class ServiceUrlAllowListTests : IAsyncLifetime
{
    private readonly FakeChannelTokenIssuer _login = new() { ExpectedClientId = "app-id", ExpectedClientSecret = "app-secret" };
    private readonly FakeConnectorServer _connector = new();

    public async Task InitializeAsync()
    {
        await _login.StartAsync();
        await _connector.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _login.DisposeAsync();
    }

    [Fact]
    public async Task An_unseen_service_url_is_refused_before_any_request_leaves()
    {
        await using var services = Authenticated();
        var client = services.GetRequiredService<ConnectorClientFactory>().Create(_connector.ServiceUrl);

        await Assert.ThrowsAsync<UntrustedServiceUrlException>(() => client.SendToConversationAsync("a:1", new Activity { Type = "message", Text = "x" }));

        Assert.Equal(0, _connector.Attempts);
        Assert.Equal(0, _login.TokenRequests);
    }

    [Fact]
    public async Task A_service_url_learned_from_an_authenticated_activity_is_allowed_for_both_clients()
    {
        await using var services = Authenticated();
        await services.GetRequiredService<ServiceUrlAllowList>().LearnAsync(_connector.ServiceUrl + "amer/", default);
        var factory = services.GetRequiredService<ConnectorClientFactory>();

        await factory.Create(_connector.ServiceUrl).SendToConversationAsync("a:1", new Activity { Type = "message", Text = "x" });
        await factory.CreateWithoutRetries(_connector.ServiceUrl).SendToConversationAsync("a:1", new Activity { Type = "message", Text = "y" });

        Assert.Equal(2, _connector.Calls.Count);
    }

    [Fact]
    public async Task Without_an_app_id_only_loopback_is_allowed()
    {
        await using var services = ProtocolServices.Build(new() { ["MicrosoftAppId"] = string.Empty });
        var allowList = services.GetRequiredService<ServiceUrlAllowList>();

        Assert.True(await allowList.IsAllowedAsync(new Uri(_connector.ServiceUrl), default));
        Assert.False(await allowList.IsAllowedAsync(new Uri("https://smba.trafficmanager.net/amer/"), default));
    }

    private ServiceProvider Authenticated() => ProtocolServices.Build(new()
    {
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppId"] = "app-id",
        ["MicrosoftAppPassword"] = "app-secret",
        ["MicrosoftAppTenantId"] = "test-tenant",
        ["ToChannelFromBotLoginUrl"] = _login.LoginUrl.AbsoluteUri,
        ["ValidateAuthority"] = "false",
    });
}
