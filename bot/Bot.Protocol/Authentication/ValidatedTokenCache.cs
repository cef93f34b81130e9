using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Protocol.Authentication;

/// <summary>
/// Channel tokens that passed the full validation, so the next activity with the same token skips the JWT parse and
/// the RSA check: Teams sends one token with many activities until it nears expiry. An entry is found only by the
/// SHA-256 of the exact token string, so a token changed in any character is a miss and gets the full validation; and
/// an entry holds what the token proved, never the token. Entries end <see cref="ExpiryMargin"/> before the token's
/// <c>exp</c>, and an entry whose signing key is no longer the one the key cache holds (retired, or replaced under the
/// same id) is dropped. The checks that depend on the activity (serviceUrl claim, endorsement for its channel) stay
/// with the caller and run on every request.
/// </summary>
public sealed class ValidatedTokenCache(ChannelSigningKeyCache keyCache, TimeProvider timeProvider)
{
    /// <summary>How long before <c>exp</c> a cached token stops being honoured without a fresh validation.</summary>
    public static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Only tokens that validated get in, so only the channel fills it: Teams uses a handful of tokens an hour per app.
    /// Beyond this many the expired entries go, and if that frees nothing, all of them (the cost is one validation each).
    /// </summary>
    public const int Capacity = 1024;

    // Teams' tokens are about 1.5 KB of ASCII.
    private const int StackHashLimit = 8192;

    private readonly ConcurrentDictionary<TokenHash, ValidatedToken> _entries = new();

    /// <summary>What a validated token proved: its claims, the key that signed it, its serviceUrl claim, and until when it counts.</summary>
    public sealed record ValidatedToken(ClaimsIdentity Identity, ChannelSigningKey SigningKey, string ServiceUrl, DateTimeOffset HonouredUntil);

    public int Count => _entries.Count;

    /// <summary>The entry for exactly <paramref name="token"/> while it is honoured and its key is still held.</summary>
    public ValidatedToken? Find(string token)
    {
        var hash = TokenHash.Of(token);
        if (!_entries.TryGetValue(hash, out var entry))
        {
            return null;
        }

        if (timeProvider.GetUtcNow() >= entry.HonouredUntil
            || !ReferenceEquals(keyCache.HeldKey(entry.SigningKey.Key.Kid), entry.SigningKey))
        {
            _entries.TryRemove(new KeyValuePair<TokenHash, ValidatedToken>(hash, entry));
            return null;
        }

        return entry;
    }

    /// <summary>Remembers a token that just passed the full validation; one too close to its expiry is not worth it.</summary>
    public void Add(string token, ClaimsIdentity identity, ChannelSigningKey signingKey, string serviceUrl, DateTimeOffset expires)
    {
        var honouredUntil = expires - ExpiryMargin;
        var now = timeProvider.GetUtcNow();
        if (honouredUntil <= now)
        {
            return;
        }

        if (_entries.Count >= Capacity)
        {
            foreach (var (hash, entry) in _entries)
            {
                if (entry.HonouredUntil <= now)
                {
                    _entries.TryRemove(hash, out _);
                }
            }

            if (_entries.Count >= Capacity)
            {
                _entries.Clear();
            }
        }

        _entries[TokenHash.Of(token)] = new ValidatedToken(identity, signingKey, serviceUrl, honouredUntil);
    }

    /// <summary>Forgets every token, e.g. when the signing keys changed.</summary>
    public void Clear() => _entries.Clear();

    /// <summary>A SHA-256, held as four words so the dictionary compares values, not arrays.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct TokenHash(ulong A, ulong B, ulong C, ulong D)
    {
        public static TokenHash Of(string token)
        {
            var length = Encoding.UTF8.GetByteCount(token);
            byte[]? rented = null;
            Span<byte> buffer = length <= StackHashLimit ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
            try
            {
                var written = Encoding.UTF8.GetBytes(token, buffer);
                Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
                SHA256.HashData(buffer[..written], digest);
                var words = MemoryMarshal.Cast<byte, ulong>(digest);
                return new TokenHash(words[0], words[1], words[2], words[3]);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }
    }
}
