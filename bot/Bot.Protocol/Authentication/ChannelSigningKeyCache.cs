using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Protocol.Authentication;

/// <summary>A signing key published by the channel, with the channel ids it is endorsed for.</summary>
public sealed record ChannelSigningKey(JsonWebKey Key, IReadOnlyList<string> Endorsements);

/// <summary>
/// Keeps the channel's signing keys from its OpenID metadata. Keys are added without notice, so the set is refreshed
/// daily and whenever a token names a key we have not seen; those forced refreshes happen at most once a minute, so
/// an attacker's random <c>kid</c>s cannot turn into a flood of metadata requests.
/// </summary>
public sealed partial class ChannelSigningKeyCache(
    IHttpClientFactory httpClientFactory,
    IOptions<BotFrameworkAuthenticationOptions> options,
    TimeProvider timeProvider,
    ILogger<ChannelSigningKeyCache> logger)
{
    public const string HttpClientName = "BotFrameworkOpenIdMetadata";

    private static readonly TimeSpan MaximumAge = TimeSpan.FromHours(24);
    private static readonly TimeSpan MinimumForcedRefreshInterval = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private IReadOnlyDictionary<string, ChannelSigningKey> _keys = new Dictionary<string, ChannelSigningKey>();
    private DateTimeOffset? _fetchedAt;
    private DateTimeOffset? _forcedAt;

    /// <summary>Finds the key with <paramref name="keyId"/>, refreshing once when it is unknown.</summary>
    public async Task<ChannelSigningKey?> FindKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_fetchedAt is null || now - _fetchedAt > MaximumAge)
        {
            await RefreshAsync(force: false, cancellationToken);
        }

        if (_keys.TryGetValue(keyId, out var key))
        {
            return key;
        }

        await RefreshAsync(force: true, cancellationToken);
        return _keys.GetValueOrDefault(keyId);
    }

    private async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            var now = timeProvider.GetUtcNow();
            var skip = force ? now - _forcedAt < MinimumForcedRefreshInterval : now - _fetchedAt <= MaximumAge;
            if (skip)
            {
                return;
            }

            _keys = await FetchKeysAsync(cancellationToken);
            _fetchedAt = now;
            if (force)
            {
                _forcedAt = now;
            }

            LogKeysRefreshed(logger, _keys.Count, force);
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, ChannelSigningKey>> FetchKeysAsync(CancellationToken cancellationToken)
    {
        var httpClient = httpClientFactory.CreateClient(HttpClientName);
        var metadataUrl = new Uri(options.Value.ToBotFromChannelOpenIdMetadataUrl);
        using var metadata = JsonDocument.Parse(await httpClient.GetStringAsync(metadataUrl, cancellationToken));
        var jwksUri = new Uri(metadata.RootElement.GetProperty("jwks_uri").GetString()
            ?? throw new InvalidOperationException("The OpenID metadata has no jwks_uri."));
        if (jwksUri.Scheme != Uri.UriSchemeHttps && !jwksUri.IsLoopback)
        {
            throw new InvalidOperationException("The OpenID metadata names a key set that is not served over https.");
        }

        var jwksJson = await httpClient.GetStringAsync(jwksUri, cancellationToken);
        var keySet = new JsonWebKeySet(jwksJson);

        // The endorsements array is not standard JWK, so it is read from the raw document rather than AdditionalData.
        using var jwks = JsonDocument.Parse(jwksJson);
        var endorsementsByKeyId = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var key in jwks.RootElement.GetProperty("keys").EnumerateArray())
        {
            if (key.TryGetProperty("kid", out var kid) && kid.GetString() is { } keyId)
            {
                endorsementsByKeyId[keyId] = key.TryGetProperty("endorsements", out var endorsements) && endorsements.ValueKind == JsonValueKind.Array
                    ? endorsements.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToArray()
                    : [];
            }
        }

        return keySet.Keys
            .Where(key => key.Kid is not null)
            .ToDictionary(
                key => key.Kid,
                key => new ChannelSigningKey(key, endorsementsByKeyId.GetValueOrDefault(key.Kid) ?? []),
                StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel signing keys refreshed: {KeyCount} keys (forced by unknown key id: {Forced})")]
    private static partial void LogKeysRefreshed(ILogger logger, int keyCount, bool forced);
}
