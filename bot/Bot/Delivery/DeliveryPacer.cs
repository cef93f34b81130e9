using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Bot.Delivery;

/// <summary>
/// Token buckets per conversation and per tenant, so a burst of notes (a digest, a reorganised team) stays under Teams'
/// rate limits instead of collecting 429s. In memory: after a restart the buckets start full, which Teams' own
/// windows tolerate.
/// </summary>
public sealed class DeliveryPacer(IOptions<DeliveryOptions> options)
{
    private readonly ConcurrentDictionary<string, Bucket> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bucket> _tenants = new(StringComparer.Ordinal);

    /// <summary>Takes a send from both buckets, or says when the next one is free.</summary>
    public bool TryAcquire(string conversationKey, string? tenantId, DateTimeOffset now, out DateTimeOffset nextFree)
    {
        var settings = options.Value;
        var conversation = _conversations.GetOrAdd(conversationKey, _ => new Bucket(settings.ConversationBurst, settings.ConversationPerSecond, now));
        var tenant = _tenants.GetOrAdd(tenantId ?? string.Empty, _ => new Bucket(settings.TenantBurst, settings.TenantPerSecond, now));
        lock (conversation)
        {
            lock (tenant)
            {
                conversation.Refill(now);
                tenant.Refill(now);
                if (conversation.Tokens >= 1 && tenant.Tokens >= 1)
                {
                    conversation.Tokens--;
                    tenant.Tokens--;
                    nextFree = now;
                    return true;
                }

                nextFree = Later(conversation.NextTokenAt(now), tenant.NextTokenAt(now));
                return false;
            }
        }
    }

    private static DateTimeOffset Later(DateTimeOffset left, DateTimeOffset right) => left > right ? left : right;

    private sealed class Bucket(int capacity, double perSecond, DateTimeOffset now)
    {
        private DateTimeOffset _refilledAt = now;

        public double Tokens { get; set; } = capacity;

        public void Refill(DateTimeOffset now)
        {
            if (now > _refilledAt)
            {
                Tokens = Math.Min(capacity, Tokens + (now - _refilledAt).TotalSeconds * perSecond);
                _refilledAt = now;
            }
        }

        public DateTimeOffset NextTokenAt(DateTimeOffset now) =>
            Tokens >= 1 ? now : now + TimeSpan.FromSeconds((1 - Tokens) / perSecond);
    }
}
