using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;

namespace Bot.Metrics;

/// <summary>
/// Failed key attempts on <c>POST /api/metrics</c>, counted per source address and per key prefix. Once either budget is
/// spent, requests from that address or naming that prefix are answered 429 with <c>Retry-After</c> before any database
/// work, until the window ends. Successful pushes spend nothing, so a pusher with its right key is never limited by its
/// own traffic; one flooding a key's prefix delays that key's pushes at most one window, and the prefix names no secret.
/// </summary>
public sealed class MetricsKeyAttempts : IDisposable
{
    public const int FailuresPerSource = 10;
    public const int FailuresPerPrefix = 30;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _bySource = Limiter(FailuresPerSource);
    private readonly PartitionedRateLimiter<string> _byPrefix = Limiter(FailuresPerPrefix);

    /// <summary>Null when the request may try its key; else how long until it may.</summary>
    public TimeSpan? Refusal(IPAddress? source, string? presentedKey) =>
        Spent(_bySource, SourceKey(source)) ?? (PrefixOf(presentedKey) is { } prefix ? Spent(_byPrefix, prefix) : null);

    public void Failed(IPAddress? source, string? presentedKey)
    {
        _bySource.AttemptAcquire(SourceKey(source)).Dispose();
        if (PrefixOf(presentedKey) is { } prefix)
        {
            _byPrefix.AttemptAcquire(prefix).Dispose();
        }
    }

    public static string RetryAfterHeader(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _bySource.Dispose();
        _byPrefix.Dispose();
    }

    private static TimeSpan? Spent(PartitionedRateLimiter<string> limiter, string key)
    {
        // Asking for no permit tells whether any is left without spending one.
        using var lease = limiter.AttemptAcquire(key, 0);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
    }

    private static string SourceKey(IPAddress? source) => source?.ToString() ?? "unknown";

    private static string? PrefixOf(string? presentedKey) =>
        presentedKey is { Length: >= MetricsApiKeys.PrefixLength } key && key.StartsWith(MetricsApiKeys.KeyStart, StringComparison.Ordinal)
            ? key[..MetricsApiKeys.PrefixLength]
            : null;

    private static PartitionedRateLimiter<string> Limiter(int permits) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
