using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace Bot.Protocol.Authentication;

/// <summary>Supplies the bearer token the bot attaches to connector calls; <c>null</c> means send without one (local use).</summary>
public interface IBotTokenProvider
{
    /// <summary>The named HttpClient token requests go through.</summary>
    public const string HttpClientName = "BotFrameworkLogin";

    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>Local development: the Agents Playground's mock connector takes calls without a token.</summary>
internal sealed class AnonymousBotTokenProvider : IBotTokenProvider
{
    public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>
/// OAuth 2.0 client credentials through MSAL for SingleTenant and MultiTenant bots, against
/// <see cref="BotFrameworkAuthenticationOptions.OutboundLoginUrl"/> (the bot's tenant, or <c>botframework.com</c> as the
/// SDK uses for MultiTenant). The application is built once, so MSAL's in-memory app token cache backs every call:
/// MSAL hands out the cached token until five minutes before it expires, then fetches a new one. The token MSAL last
/// gave is kept in front of it for as long as MSAL itself would hand it out, so a connector call does not go through
/// MSAL's request pipeline and this class's queue at all (they cost 2–3 % of a help turn's CPU, measured with perf).
/// </summary>
internal sealed class ConfidentialClientTokenProvider : IBotTokenProvider, IDisposable
{
    /// <summary>MSAL's own margin: it stops handing out a cached token this long before the token expires.</summary>
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(5);

    // MSAL does not coalesce concurrent requests for a missing or stale token: 32 connector calls at start-up made 32
    // token requests. One caller at a time asks MSAL; a cache hit takes microseconds, so the queue stays short.
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly IConfidentialClientApplication _application;
    private readonly string[] _scopes;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ConfidentialClientTokenProvider> _logger;
    private volatile CurrentToken? _current;

    public ConfidentialClientTokenProvider(
        IHttpClientFactory httpClientFactory,
        IOptions<BotFrameworkAuthenticationOptions> options,
        TimeProvider timeProvider,
        ILogger<ConfidentialClientTokenProvider> logger)
    {
        var settings = options.Value;
        _application = ConfidentialClientApplicationBuilder
            .Create(settings.MicrosoftAppId)
            .WithClientSecret(settings.MicrosoftAppPassword)
            .WithAuthority(settings.OutboundLoginUrl, settings.ValidateAuthority)
            .WithHttpClientFactory(new NamedHttpClientForMsal(httpClientFactory))
            .Build();
        _scopes = [settings.OutboundScope];
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && current.IsUsable(_timeProvider))
        {
            return current.AccessToken;
        }

        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } fetchedMeanwhile && fetchedMeanwhile.IsUsable(_timeProvider))
            {
                return fetchedMeanwhile.AccessToken;
            }

            var result = await _application.AcquireTokenForClient(_scopes).ExecuteAsync(cancellationToken);
            // MSAL may ask for an earlier refresh (refresh_in) than the expiry; the earlier of the two holds here too.
            var refreshOn = result.AuthenticationResultMetadata?.RefreshOn;
            var usableUntil = result.ExpiresOn - ExpiryMargin;
            _current = new CurrentToken(result.AccessToken, refreshOn is { } early && early < usableUntil ? early : usableUntil);
            return result.AccessToken;
        }
        catch (MsalException e)
        {
            throw BotTokenFailure.LogAndWrap(_logger, e);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();

    private sealed record CurrentToken(string AccessToken, DateTimeOffset UsableUntil)
    {
        public bool IsUsable(TimeProvider timeProvider) => timeProvider.GetUtcNow() < UsableUntil;
    }
}

/// <summary>
/// MSAL asks for an HttpClient per request; handing it the named client keeps MSAL's traffic in the host's HTTP
/// pipeline (handlers, logging, and in tests the primary handler that trusts the test issuer's certificate).
/// </summary>
internal sealed class NamedHttpClientForMsal(IHttpClientFactory httpClientFactory) : IMsalHttpClientFactory
{
    public HttpClient GetHttpClient() => httpClientFactory.CreateClient(IBotTokenProvider.HttpClientName);
}

/// <summary>
/// Callers (the connector pipeline, the outbox) treat a failed token like a failed connector call: an
/// <see cref="HttpRequestException"/> with the status when there was one, so a wrong secret is retried and reported
/// like an outage rather than crashing the worker with an MSAL type the product does not know.
/// </summary>
internal static partial class BotTokenFailure
{
    public static HttpRequestException LogAndWrap(ILogger logger, MsalException exception)
    {
        // The status and MSAL's error code (invalid_client, unauthorized_client, …) are what an operator needs; neither
        // the request, which holds the secret, nor the exception text is logged.
        if (exception is MsalServiceException { StatusCode: > 0 } service)
        {
            LogTokenRequestFailed(logger, service.StatusCode, service.ErrorCode);
            return new HttpRequestException(Message(exception), exception, (System.Net.HttpStatusCode)service.StatusCode);
        }

        LogTokenRequestNotCompleted(logger, exception.ErrorCode);
        return new HttpRequestException(Message(exception), exception);
    }

    private static string Message(MsalException exception) => $"The bot's outbound token could not be obtained ({exception.ErrorCode}).";

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Error, Message = "The outbound token request failed with HTTP {StatusCode} ({ErrorCode}); check MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId and MicrosoftAppType")]
    private static partial void LogTokenRequestFailed(ILogger logger, int statusCode, string errorCode);

    [LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Error, Message = "The outbound token request got no usable answer ({ErrorCode}); check ToChannelFromBotLoginUrl, ValidateAuthority and the network")]
    private static partial void LogTokenRequestNotCompleted(ILogger logger, string errorCode);
}

/// <summary>Azure hosting with a user-assigned managed identity; MSAL talks to the identity endpoint and caches the token.</summary>
internal sealed class ManagedIdentityTokenProvider(
    IOptions<BotFrameworkAuthenticationOptions> options,
    ILogger<ManagedIdentityTokenProvider> logger) : IBotTokenProvider
{
    private readonly Lazy<IManagedIdentityApplication> _application = new(() =>
        ManagedIdentityApplicationBuilder
            .Create(ManagedIdentityId.WithUserAssignedClientId(options.Value.MicrosoftAppId!))
            .Build());

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await _application.Value
                .AcquireTokenForManagedIdentity(options.Value.ToChannelFromBotOAuthScope)
                .ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }
        catch (MsalException e)
        {
            throw BotTokenFailure.LogAndWrap(logger, e);
        }
    }
}
