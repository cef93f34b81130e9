using System.Collections.Concurrent;
using System.Net;
using Bot.Protocol.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Protocol.Connector;

/// <summary>Keeps the learned serviceUrl origins across restarts; the product implements it on its database.</summary>
public interface IServiceUrlStore
{
    Task<IReadOnlyCollection<string>> LoadAsync(CancellationToken cancellationToken);

    Task AddAsync(string origin, CancellationToken cancellationToken);
}

/// <summary>
/// The only origins (scheme, host, port) the bot sends its token to: those whose serviceUrl arrived in an authenticated
/// activity (the token's <c>serviceurl</c> claim matched it), those configured in <c>TrustedServiceUrls</c>, and in
/// local development without an app id, loopback. A forged conversation reference or a stored URL from elsewhere can
/// thus never make the bot call, and hand its token to, a host Teams did not send it.
/// </summary>
public sealed partial class ServiceUrlAllowList(
    IOptions<BotFrameworkAuthenticationOptions> options,
    IServiceScopeFactory scopeFactory,
    ILogger<ServiceUrlAllowList> logger)
{
    private readonly ConcurrentDictionary<string, bool> _origins = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile bool _loaded;

    public static string? OriginOf(string serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) ? OriginOf(uri) : null;

    public static string OriginOf(Uri uri) => uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();

    public async Task<bool> IsAllowedAsync(Uri uri, CancellationToken cancellationToken)
    {
        if (!options.Value.IsAuthenticationEnabled && (uri.IsLoopback || IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address)))
        {
            return true;
        }

        var origin = OriginOf(uri);
        if (options.Value.TrustedServiceUrls.Any(trusted => OriginOf(trusted) is { } configured && string.Equals(configured, origin, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        await EnsureLoadedAsync(cancellationToken);
        if (_origins.ContainsKey(origin))
        {
            return true;
        }

        LogRefused(logger, origin);
        return false;
    }

    /// <summary>Remembers the origin of a serviceUrl that came with an authenticated activity; a known one costs no write.</summary>
    public async Task LearnAsync(string serviceUrl, CancellationToken cancellationToken)
    {
        if (OriginOf(serviceUrl) is not { } origin)
        {
            return;
        }

        await EnsureLoadedAsync(cancellationToken);
        if (!_origins.TryAdd(origin, true))
        {
            return;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<IServiceUrlStore>() is { } store)
        {
            await store.AddAsync(origin, cancellationToken);
        }

        LogLearned(logger, origin);
    }

    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_loaded)
            {
                return;
            }

            await using var scope = scopeFactory.CreateAsyncScope();
            if (scope.ServiceProvider.GetService<IServiceUrlStore>() is { } store)
            {
                foreach (var origin in await store.LoadAsync(cancellationToken))
                {
                    _origins.TryAdd(origin, true);
                }
            }

            _loaded = true;
        }
        finally
        {
            _loading.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an outbound call to {Origin}: no authenticated activity came from there")]
    private static partial void LogRefused(ILogger logger, string origin);

    [LoggerMessage(Level = LogLevel.Information, Message = "Learned serviceUrl origin {Origin} from an authenticated activity")]
    private static partial void LogLearned(ILogger logger, string origin);
}

/// <summary>Checks every connector request against the allow-list before the token handler sees it.</summary>
internal sealed class ServiceUrlAllowListHandler(ServiceUrlAllowList allowList) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("A connector request needs a URI.");
        if (!await allowList.IsAllowedAsync(uri, cancellationToken))
        {
            throw new UntrustedServiceUrlException(ServiceUrlAllowList.OriginOf(uri));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
