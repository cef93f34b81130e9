using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;

namespace Bot.Protocol.Hosting;

/// <summary>
/// Counts requests to the messaging endpoint that fail authentication, per source address, in a token bucket of the
/// ASP.NET Core rate limiter's kind. Only failures spend tokens. While a source's bucket is empty its requests are
/// refused with 429 before the body is read, unless its token verifies without the body (a key not yet held is looked up
/// under the key cache's rules): so valid Teams traffic is never limited, not even from an address it shares with a
/// flood, nor under a key rotated a moment ago.
/// </summary>
public sealed class FailedAuthenticationLimiter : IDisposable
{
    /// <summary>Failures a source may have in a burst before it is limited.</summary>
    public const int Burst = 50;

    /// <summary>Failures per second a source may go on having once the burst is spent.</summary>
    public const int PerSecond = 10;

    private readonly PartitionedRateLimiter<IPAddress> _limiter;
    private readonly TimeSpan _refillTime;

    public FailedAuthenticationLimiter()
        : this(Burst, PerSecond, TimeSpan.FromSeconds(1))
    {
    }

    /// <summary>A limiter with other figures, for tests that must not race the refill.</summary>
    public FailedAuthenticationLimiter(int burst, int tokensPerPeriod, TimeSpan period)
    {
        _refillTime = period / tokensPerPeriod;
        _limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(source =>
            RateLimitPartition.GetTokenBucketLimiter(source, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = tokensPerPeriod,
                ReplenishmentPeriod = period,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Null while <paramref name="source"/> may still fail; else how long until it may again. An unknown source is never limited.</summary>
    public TimeSpan? Limited(IPAddress? source)
    {
        if (source is null)
        {
            return null;
        }

        // The bucket refills continuously, so a fraction of a token may be there: only a whole one lets a request try.
        var available = _limiter.GetStatistics(Normalise(source))?.CurrentAvailablePermits ?? 1;
        return available >= 1 ? null : _refillTime;
    }

    public void Failed(IPAddress? source)
    {
        if (source is not null)
        {
            _limiter.AttemptAcquire(Normalise(source)).Dispose();
        }
    }

    public static string RetryAfterHeader(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _limiter.Dispose();

    // ::ffff:203.0.113.7 and 203.0.113.7 are one source.
    private static IPAddress Normalise(IPAddress source) => source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source;
}
