using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace Bot.Protocol.Authentication;

/// <summary>Supplies the bearer token the bot attaches to connector calls; <c>null</c> means send without one (local use).</summary>
public interface IBotTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>Local development: the Agents Playground's mock connector takes calls without a token.</summary>
internal sealed class AnonymousBotTokenProvider : IBotTokenProvider
{
    public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>
/// OAuth 2.0 client credentials against <c>{login url}/oauth2/v2.0/token</c> for SingleTenant and MultiTenant bots.
/// It is one form post, written here rather than through MSAL because MSAL insists on an https authority, and the
/// tests run the token endpoint as a plain-http loopback server. The token is cached until five minutes before expiry.
/// </summary>
internal sealed partial class ClientCredentialsTokenProvider(
    IHttpClientFactory httpClientFactory,
    IOptions<BotFrameworkAuthenticationOptions> options,
    TimeProvider timeProvider,
    ILogger<ClientCredentialsTokenProvider> logger) : IBotTokenProvider
{
    public const string HttpClientName = "BotFrameworkLogin";
    private static readonly TimeSpan RenewBeforeExpiry = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _cached;

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && timeProvider.GetUtcNow() < cached.RenewAt)
        {
            return cached.Token;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } fresh && timeProvider.GetUtcNow() < fresh.RenewAt)
            {
                return fresh.Token;
            }

            var settings = options.Value;
            using var request = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.MicrosoftAppId!,
                ["client_secret"] = settings.MicrosoftAppPassword!,
                ["scope"] = settings.OutboundScope,
            });
            var httpClient = httpClientFactory.CreateClient(HttpClientName);
            using var response = await httpClient.PostAsync(new Uri(settings.OutboundLoginUrl + "/oauth2/v2.0/token"), request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogTokenRequestFailed(logger, (int)response.StatusCode);
                response.EnsureSuccessStatusCode();
            }

            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                ?? throw new InvalidOperationException("The token endpoint answered without a body.");
            var renewAt = timeProvider.GetUtcNow() + TimeSpan.FromSeconds(token.ExpiresIn) - RenewBeforeExpiry;
            _cached = (token.AccessToken, renewAt);
            return token.AccessToken;
        }
        finally
        {
            _lock.Release();
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Error, Message = "The outbound token request failed with HTTP {StatusCode}; check MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId")]
    private static partial void LogTokenRequestFailed(ILogger logger, int statusCode);
}

/// <summary>Azure hosting with a user-assigned managed identity; MSAL talks to the identity endpoint and caches the token.</summary>
internal sealed class ManagedIdentityTokenProvider(IOptions<BotFrameworkAuthenticationOptions> options) : IBotTokenProvider
{
    private readonly Lazy<IManagedIdentityApplication> _application = new(() =>
        ManagedIdentityApplicationBuilder
            .Create(ManagedIdentityId.WithUserAssignedClientId(options.Value.MicrosoftAppId!))
            .Build());

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var result = await _application.Value
            .AcquireTokenForManagedIdentity(options.Value.ToChannelFromBotOAuthScope)
            .ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }
}
