using Bot.Protocol.Authentication;
using Bot.Protocol.Connector;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Bot.Protocol.Tests;

/// <summary>
/// The outbound token through MSAL against the fake issuer over HTTPS. MSAL keeps its own clock, so expiry is driven
/// by the lifetime the issuer hands out (MSAL renews a token once five minutes or less remain), not by a fake clock.
/// </summary>
public sealed class BotTokenProviderTests : IAsyncLifetime
{
    private const string Secret = "app-secret";
    private readonly FakeChannelTokenIssuer _login = new() { ExpectedClientId = "app-id", ExpectedClientSecret = Secret };
    private readonly FakeConnectorServer _connector = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _login.StartAsync();
        await _connector.StartAsync();
        _services = Build(new()
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppTenantId"] = "test-tenant",
            ["ToChannelFromBotLoginUrl"] = _login.LoginUrl.AbsoluteUri,
            ["ValidateAuthority"] = "false",
            ["TrustedServiceUrls:0"] = _connector.ServiceUrl,
        });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _connector.DisposeAsync();
        await _login.DisposeAsync();
    }

    private IBotTokenProvider Provider => _services.GetRequiredService<IBotTokenProvider>();

    [Fact]
    public async Task Connector_calls_carry_the_client_credentials_token()
    {
        var client = _services.GetRequiredService<ConnectorClientFactory>().Create(_connector.ServiceUrl);

        await client.SendToConversationAsync("a:1", new Activity { Type = "message", Text = "x" });

        Assert.Equal("Bearer " + FakeChannelTokenIssuer.IssuedAccessTokenPrefix + "1", _connector.Calls.Single().Authorization);
    }

    [Fact]
    public async Task The_token_request_carries_the_app_credentials_and_the_bot_framework_scope()
    {
        await Provider.GetTokenAsync(CancellationToken.None);

        AssertTokenRequestedBy("test-tenant", Assert.Single(_login.TokenRequestLog));
        Assert.Empty(_login.UnansweredRequests);
    }

    [Theory]
    [InlineData("SingleTenant", "test-tenant")]
    [InlineData("MultiTenant", "botframework.com")]
    public async Task Without_a_login_url_the_token_comes_from_the_authority_of_the_app_type(string appType, string tenant)
    {
        // No ToChannelFromBotLoginUrl and authority validation on, as in production: MSAL builds the request for
        // login.microsoftonline.com itself, and only the host is swapped for the fake issuer's on the way out.
        await using var services = Build(
            new() { ["MicrosoftAppType"] = appType, ["MicrosoftAppTenantId"] = appType == "SingleTenant" ? "test-tenant" : null },
            services => services.AddHttpClient(IBotTokenProvider.HttpClientName).AddHttpMessageHandler(() => new SendToLoopback(_login.BaseAddress)));

        var token = await services.GetRequiredService<IBotTokenProvider>().GetTokenAsync(CancellationToken.None);

        Assert.Equal(FakeChannelTokenIssuer.IssuedAccessTokenPrefix + "1", token);
        AssertTokenRequestedBy(tenant, Assert.Single(_login.TokenRequestLog));
        Assert.Empty(_login.UnansweredRequests);
    }

    [Fact]
    public async Task Token_is_reused_while_more_than_five_minutes_of_it_remain()
    {
        _login.AccessTokenLifetimeSeconds = 6 * 60;

        var first = await Provider.GetTokenAsync(CancellationToken.None);
        var second = await Provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(1, _login.TokenRequests);
    }

    [Fact]
    public async Task Calls_that_arrive_together_before_the_first_token_share_one_request()
    {
        var tokens = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Provider.GetTokenAsync(CancellationToken.None))));

        Assert.Single(tokens.Distinct());
        Assert.Equal(1, _login.TokenRequests);
    }

    [Fact]
    public async Task Token_with_five_minutes_or_less_left_is_renewed()
    {
        _login.AccessTokenLifetimeSeconds = 5 * 60;

        var first = await Provider.GetTokenAsync(CancellationToken.None);
        var renewed = await Provider.GetTokenAsync(CancellationToken.None);

        Assert.NotEqual(first, renewed);
        Assert.Equal(2, _login.TokenRequests);
    }

    [Fact]
    public async Task Wrong_secret_fails_loudly_instead_of_sending_unauthenticated()
    {
        _login.ExpectedClientSecret = "another-secret";

        await Assert.ThrowsAsync<HttpRequestException>(() => Provider.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_refused_token_request_is_logged_with_its_status_and_never_with_the_secret()
    {
        _login.ExpectedClientSecret = "another-secret";

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => Provider.GetTokenAsync(CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, failure.StatusCode);
        var logs = _services.GetFakeLogCollector().GetSnapshot();
        var error = Assert.Single(logs, log => log.Level == LogLevel.Error);
        Assert.Contains("HTTP 401 (invalid_client)", error.Message, StringComparison.Ordinal);
        Assert.All(logs, log => Assert.DoesNotContain(Secret, log.Message + log.Exception + string.Join(' ', log.StructuredState ?? []), StringComparison.Ordinal));
    }

    private static void AssertTokenRequestedBy(string tenant, TokenRequest request)
    {
        Assert.Equal(
            (tenant, "client_credentials", "app-id", Secret, "https://api.botframework.com/.default"),
            (request.Tenant, request.GrantType, request.ClientId, request.ClientSecret, request.Scope));
        Assert.StartsWith("MSAL.", request.ClientLibrary, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        settings["MicrosoftAppId"] = "app-id";
        settings["MicrosoftAppPassword"] = Secret;
        return ProtocolServices.Build(settings, configure: services =>
        {
            services.AddFakeLogging();
            configure?.Invoke(services);
        });
    }

    /// <summary>Sends what MSAL addressed to Entra ID to the fake issuer instead, keeping path and query.</summary>
    private sealed class SendToLoopback(Uri loopback) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = loopback.Scheme, Host = loopback.Host, Port = loopback.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
