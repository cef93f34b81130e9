namespace Bot.Delivery;

/// <summary>
/// An activity the bot has answered, by the ids Teams gives it, with the answer an invoke got: a redelivered copy is
/// answered the same way and changes nothing. Kept for <see cref="DeliveryOptions.ProcessedActivityRetention"/>.
/// </summary>
public sealed class ProcessedActivity
{
    public required string ChannelId { get; init; }
    public required string ConversationId { get; init; }
    public required string ActivityId { get; init; }
    public int Status { get; init; }
    public string? InvokeResponseJson { get; init; }
    public DateTimeOffset ProcessedAt { get; init; }
}

/// <summary>An origin (scheme, host, port) the bot saw in an authenticated activity and may therefore call.</summary>
public sealed class TrustedServiceUrl
{
    public required string Origin { get; init; }
    public DateTimeOffset LearnedAt { get; init; }
}
