using Bot.Protocol.Schema;

namespace Bot.Protocol.Builder;

/// <summary>
/// Where the adapter hands a reply the connector did not take within the turn (throttled, busy, down or slow), so that
/// the turn still answers Teams in time and the reply is retried, not lost. Without one, replies are retried inside the
/// turn, as the SDK does. The product keeps the queue; the adapter decides when a reply goes there.
/// </summary>
public interface IReplyOutbox
{
    /// <summary>How long one reply may take inside a turn before it is queued instead.</summary>
    TimeSpan ReplyTimeout { get; }

    /// <summary>Stores the reply for later delivery and returns once it is stored.</summary>
    Task QueueAsync(ITurnContext turnContext, Activity activity, ReplyDeferral deferral, CancellationToken cancellationToken);
}

/// <summary>
/// Why a reply was queued: the connector's status as a code ("http-503", "timeout", "network", or "behind-earlier" for a
/// reply that must not overtake one already queued), and how long a 429 asked the bot to wait.
/// </summary>
public sealed record ReplyDeferral(string Reason, TimeSpan? RetryAfter = null, bool IsUpdate = false);
