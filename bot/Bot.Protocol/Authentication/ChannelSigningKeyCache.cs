using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Protocol.Authentication;

/// <summary>A signing key published by the channel, with the channel ids it is endorsed for.</summary>
public sealed record ChannelSigningKey(JsonWebKey Key, IReadOnlyList<string> Endorsements);

/// <summary>
/// Keeps the channel's signing keys from its OpenID metadata: refreshed daily, and when a token names a key we have not
/// seen. An unknown key id is either a key the channel published since our last look or a forgery, and only the
/// metadata can tell, so the rules for those forced refreshes are:
/// <list type="bullet">
/// <item>A request that arrived after the last forced refresh started may carry a key published since: it gets a
/// refresh. Such refreshes start at most every <see cref="NewKeyRefreshSpacing"/>; a request that finds the budget spent
/// waits for the next one instead of failing, so a flood of random key ids delays a genuinely new key by seconds but
/// never refuses it.</item>
/// <item>A request that arrived before the last forced refresh started, or whose token was issued well before it (its
/// <c>iat</c>, allowing the validation's clock skew), names a key that refresh would have seen, because the channel signs
/// only with keys it has published: refused at once. So is a key id a forced refresh already found missing.</item>
/// <item>Any unknown key id may still force one refresh a minute, as before.</item>
/// <item>Concurrent requests share one fetch; an <c>iat</c> in the future counts as now.</item>
/// </list>
/// Metadata fetches are bounded by about 13 a minute whatever arrives, and valid traffic on known keys never waits.
/// </summary>
public sealed partial class ChannelSigningKeyCache(
    IHttpClientFactory httpClientFactory,
    IOptions<BotFrameworkAuthenticationOptions> options,
    TimeProvider timeProvider,
    ILogger<ChannelSigningKeyCache> logger)
{
    public const string HttpClientName = "BotFrameworkOpenIdMetadata";

    /// <summary>The shortest time between two refreshes forced by tokens issued after the previous one.</summary>
    public static readonly TimeSpan NewKeyRefreshSpacing = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan MaximumAge = TimeSpan.FromHours(24);
    private static readonly TimeSpan MinimumForcedRefreshInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(10);

    // iat has whole seconds and the channel's clock is not ours: the same allowance as the token validation's.
    private static readonly TimeSpan IssuedAtAllowance = TimeSpan.FromMinutes(5);
    private const int MissingKeysRemembered = 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _missing = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, ChannelSigningKey> _keys = new Dictionary<string, ChannelSigningKey>();
    private DateTimeOffset? _fetchedAt;
    private DateTimeOffset? _forcedAt;
    private Fetch? _inFlight;

    private sealed record Fetch(DateTimeOffset StartedAt, Task Task);

    /// <summary>The key with <paramref name="keyId"/> if it is held now: no fetch, no wait.</summary>
    public ChannelSigningKey? HeldKey(string keyId) => _keys.GetValueOrDefault(keyId);

    /// <summary>Finds the key with <paramref name="keyId"/>, refreshing when it is unknown and the minute's budget allows.</summary>
    public Task<ChannelSigningKey?> FindKeyAsync(string keyId, CancellationToken cancellationToken) => FindKeyAsync(keyId, issuedAt: null, cancellationToken);

    /// <summary>
    /// Finds the key with <paramref name="keyId"/> for a token issued at <paramref name="issuedAt"/> (its <c>iat</c>,
    /// unverified): a token issued after the last forced refresh may wait a few seconds for the next one.
    /// </summary>
    public async Task<ChannelSigningKey?> FindKeyAsync(string keyId, DateTimeOffset? issuedAt, CancellationToken cancellationToken)
    {
        var arrivedAt = timeProvider.GetUtcNow();
        Task? stale;
        lock (_gate)
        {
            var now = arrivedAt;
            stale = _fetchedAt is null || now - _fetchedAt > MaximumAge ? _inFlight?.Task ?? StartFetch(now, forced: false) : null;
        }

        if (stale is not null)
        {
            await stale.WaitAsync(cancellationToken);
        }

        while (true)
        {
            Task? join;
            TimeSpan wait;
            lock (_gate)
            {
                if (_keys.TryGetValue(keyId, out var key))
                {
                    return key;
                }

                (join, wait) = NextStep(keyId, issuedAt, arrivedAt);
                if (join is null && wait <= TimeSpan.Zero)
                {
                    Remember(keyId);
                    LogUnknownKeyRefused(logger, _forcedAt);
                    return null;
                }
            }

            if (join is not null)
            {
                await join.WaitAsync(cancellationToken);
            }
            else
            {
                await Task.Delay(wait, timeProvider, cancellationToken);
            }
        }
    }

    /// <summary>Under the lock: a fetch to wait for, a time to wait before asking again, or neither (refuse).</summary>
    private (Task? Join, TimeSpan Wait) NextStep(string keyId, DateTimeOffset? issuedAt, DateTimeOffset arrivedAt)
    {
        var now = timeProvider.GetUtcNow();
        var issued = issuedAt is { } at && at < now ? at : now;
        var mayBeNew = issuedAt is not null
            && !_missing.ContainsKey(keyId)
            && (_forcedAt is null || (_forcedAt < arrivedAt && _forcedAt < issued + IssuedAtAllowance));
        if (_inFlight is { } fetch && !fetch.Task.IsCompleted)
        {
            // Shared: whatever it brings, the question is asked again once it is in.
            return (fetch.Task, TimeSpan.Zero);
        }

        if (_forcedAt is null || now - _forcedAt >= MinimumForcedRefreshInterval)
        {
            return (StartFetch(now, forced: true), TimeSpan.Zero);
        }

        if (!mayBeNew)
        {
            return (null, TimeSpan.Zero);
        }

        var nextSlot = _forcedAt.Value + NewKeyRefreshSpacing;
        return nextSlot <= now ? (StartFetch(now, forced: true), TimeSpan.Zero) : (null, nextSlot - now);
    }

    private void Remember(string keyId)
    {
        if (_forcedAt is not { } forcedAt)
        {
            return;
        }

        if (_missing.Count >= MissingKeysRemembered)
        {
            _missing.Clear();
        }

        _missing[keyId] = forcedAt;
    }

    /// <summary>Under the lock. The fetch runs on its own deadline, not a caller's: others may be waiting for it.</summary>
    private Task StartFetch(DateTimeOffset now, bool forced)
    {
        if (forced)
        {
            _forcedAt = now;
        }

        var task = RunFetchAsync(now, forced);
        _inFlight = new Fetch(now, task);
        return task;
    }

    private async Task RunFetchAsync(DateTimeOffset startedAt, bool forced)
    {
        await Task.Yield();
        try
        {
            using var deadline = new CancellationTokenSource(FetchTimeout, timeProvider);
            var keys = await FetchKeysAsync(deadline.Token);
            lock (_gate)
            {
                _keys = KeepUnchanged(_keys, keys);
                _fetchedAt = startedAt;
                foreach (var keyId in keys.Keys)
                {
                    _missing.Remove(keyId);
                }
            }

            LogKeysRefreshed(logger, keys.Count, forced);
        }
        finally
        {
            lock (_gate)
            {
                if (_inFlight?.StartedAt == startedAt)
                {
                    _inFlight = null;
                }
            }
        }
    }

    /// <summary>
    /// A key that came back unchanged stays the same object, so whoever holds it (the validated-token cache) can tell by
    /// reference that it is still honoured; a retired key, or another key under an old id, is a different object.
    /// </summary>
    private static Dictionary<string, ChannelSigningKey> KeepUnchanged(
        IReadOnlyDictionary<string, ChannelSigningKey> held, Dictionary<string, ChannelSigningKey> fetched)
    {
        foreach (var (keyId, key) in fetched)
        {
            if (held.TryGetValue(keyId, out var old)
                && string.Equals(old.Key.Kty, key.Key.Kty, StringComparison.Ordinal)
                && string.Equals(old.Key.N, key.Key.N, StringComparison.Ordinal)
                && string.Equals(old.Key.E, key.Key.E, StringComparison.Ordinal)
                && old.Key.X5c.SequenceEqual(key.Key.X5c, StringComparer.Ordinal)
                && old.Endorsements.SequenceEqual(key.Endorsements, StringComparer.Ordinal))
            {
                fetched[keyId] = old;
            }
        }

        return fetched;
    }

    private async Task<Dictionary<string, ChannelSigningKey>> FetchKeysAsync(CancellationToken cancellationToken)
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

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Channel signing keys refreshed: {KeyCount} keys (forced by unknown key id: {Forced})")]
    private static partial void LogKeysRefreshed(ILogger logger, int keyCount, bool forced);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Unknown signing key refused without a refresh; last forced refresh at {ForcedAt}")]
    private static partial void LogUnknownKeyRefused(ILogger logger, DateTimeOffset? forcedAt);
}
