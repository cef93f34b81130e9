namespace Bot.Delivery;

/// <summary>
/// An activity the bot claimed before running it, by the ids Teams gives it, and once answered the answer it got: a
/// copy (redelivered, or sent to another instance at the same moment) waits for that answer or is answered with it,
/// and changes nothing. Kept for <see cref="DeliveryOptions.ProcessedActivityRetention"/>.
/// </summary>
public sealed class ProcessedActivity
{
    public required string ChannelId { get; init; }
    public required string ConversationId { get; init; }
    public required string ActivityId { get; init; }
    public ProcessedActivityState State { get; init; }

    /// <summary>
    /// When a claim nobody finished lapses (its instance died mid-turn): a later copy may then run the activity. Turns
    /// answer within seconds, so the lease only has to outlast the slowest turn.
    /// </summary>
    public DateTimeOffset? ClaimedUntil { get; init; }

    public int Status { get; init; }
    public string? InvokeResponseJson { get; init; }

    /// <summary>
    /// When the activity was first claimed; retention counts from here. The answer leaves it alone, so recording it
    /// rewrites the row only, not also this column's index.
    /// </summary>
    public DateTimeOffset ProcessedAt { get; init; }
}

public enum ProcessedActivityState
{
    /// <summary>A turn is running it now, on this instance or another.</summary>
    Claimed,

    /// <summary>Answered with <see cref="ProcessedActivity.Status"/> (and, for an invoke, its body).</summary>
    Answered,
}

/// <summary>An origin (scheme, host, port) the bot saw in an authenticated activity and may therefore call.</summary>
public sealed class TrustedServiceUrl
{
    public required string Origin { get; init; }
    public DateTimeOffset LearnedAt { get; init; }
}
